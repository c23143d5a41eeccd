import type { Messages } from './en';

export const fr: Messages = {
  language: {
    label: 'Langue'
  },
  title: {
    pileup: 'Pile-up {{dx}}',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'op. {{operator}}',
    onAir: 'À l’antenne',
    offAir: 'Hors antenne'
  },
  link: {
    connecting: 'Connexion à la station…',
    lost: 'Connexion perdue. Reconnexion dans {{seconds}} s…'
  },
  tuning: {
    frequency: 'Fréquence',
    split: 'Split',
    callOn: 'Appelez sur {{frequency}} MHz'
  },
  working: {
    label: 'En QSO',
    nobody: 'Personne pour le moment'
  },
  place: {
    region: 'Votre place',
    you: 'Vous',
    position: 'Votre place dans la file :',
    of: 'sur {{total}}',
    announce: 'Votre place dans la file : {{position}}',
    next: 'Vous êtes le prochain : préparez-vous à appeler.',
    beingWorked: 'À vous : le DX vous appelle. Répondez maintenant !',
    wait: 'Attente : {{wait}}, au rythme des derniers QSO.',
    buzz: 'Vibrer quand je suis le prochain',
    pausedQueued: 'Les inscriptions sont en pause pour les nouvelles stations ; votre place est gardée.',
    leave: 'Quitter la file',
    leaveConfirm: 'Touchez encore pour quitter la file'
  },
  wait: {
    underMinute: 'moins d’une minute',
    minutes: 'environ {{minutes}} min',
    hours: 'environ {{hours}} h {{minutes}} min'
  },
  outcome: {
    logged: 'Noté le {{date}} à {{time}} sur {{where}}. 73 !',
    loggedAt: 'Noté le {{date}} à {{time}}. 73 !',
    joinAgain: 'Rejoindre à nouveau sur {{where}}',
    offAir: 'La station a quitté l’antenne et la file a été vidée. Rejoignez-la quand elle sera de retour.',
    removed: 'L’opérateur vous a retiré de la file.',
    banned: 'L’opérateur a banni {{callsign}} de ce pile-up.',
    bannedReason: 'L’opérateur a banni {{callsign}} de ce pile-up : « {{reason}} »',
    sameBand: 'Vous pourrez rejoindre la file quand la station changera de bande ou de mode.',
    otherCallsign: 'Rejoindre avec un autre indicatif'
  },
  join: {
    callsign: 'Indicatif',
    placeholder: 'ex. F4ABC',
    submit: 'Rejoindre la file',
    full: 'La file est pleine ({{total}} sur {{max}}). Vous pourrez la rejoindre dès qu’une place se libère.',
    notOnAir: 'Les inscriptions ouvrent quand la station est à l’antenne.',
    paused: 'Les inscriptions sont en pause pour le moment ; la file est gardée. Réessayez bientôt.'
  },
  queue: {
    label: 'File',
    count: '· {{total}} en attente (max. {{max}})',
    empty: 'Personne n’attend.'
  },
  errors: {
    noAnswer: 'Pas de réponse du serveur. Réessayez dans un instant.',
    callsignRequired: 'Tapez d’abord votre indicatif.',
    callsignInvalid: '« {{callsign}} » n’est pas un indicatif valide.',
    notOnAir: 'La station n’est pas à l’antenne. L’inscription n’est pas possible.',
    paused: 'Les inscriptions sont en pause pour le moment. Réessayez bientôt.',
    cooldown: '{{callsign}} a été contacté à {{time}} ; vous pourrez rejoindre la file dans {{minutes}} min.',
    duplicate: '{{callsign}} est déjà dans la file ou en QSO.',
    full: 'La file est pleine. Réessayez bientôt.',
    tooFast: 'Trop d’essais ; attendez un instant puis réessayez.'
  },
  overlay: {
    next: 'Ensuite',
    nobody: 'Personne n’attend',
    scan: 'Scannez pour rejoindre la file',
    queued: '{{total}} dans la file',
    scanLan: 'Scannez pour rejoindre (réseau local)',
    distance: 'à {{distance}} km de {{dx}}'
  },
  map: {
    label: 'Carte',
    path: 'Trajet vers {{dx}} depuis {{from}} : {{distance}} km, azimut {{bearing}}°.',
    station: '{{dx}} est en {{grid}}. Les points sont les stations en attente ; les {{numbered}} premières indiquent leur place dans la file.',
    noGrid: 'Les points sont les stations en attente ; les {{numbered}} premières indiquent leur place dans la file. {{dx}} n’a pas indiqué sa position.',
    working: 'Anneau rouge : {{callsign}}, en QSO maintenant.'
  }
};
