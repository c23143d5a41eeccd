import type { Messages } from './en';

export const es: Messages = {
  language: {
    label: 'Idioma'
  },
  title: {
    pileup: 'Pile-up de {{dx}}',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'op. {{operator}}',
    onAir: 'En el aire',
    offAir: 'Fuera del aire'
  },
  link: {
    connecting: 'Conectando con la estación…',
    lost: 'Conexión perdida. Reconectando en {{seconds}} s…'
  },
  tuning: {
    frequency: 'Frecuencia',
    split: 'Split',
    callOn: 'Llama en {{frequency}} MHz'
  },
  working: {
    label: 'Trabajando ahora',
    nobody: 'Nadie por ahora'
  },
  place: {
    region: 'Tu lugar',
    you: 'Tú',
    position: 'Tu lugar en la cola:',
    of: 'de {{total}}',
    announce: 'Tu lugar en la cola: {{position}}',
    next: 'Eres el siguiente: prepárate para llamar.',
    beingWorked: 'Tu turno: el DX te está llamando. ¡Responde ya!',
    wait: 'Espera: {{wait}}, al ritmo de los últimos QSO.',
    buzz: 'Vibrar cuando sea el siguiente',
    pausedQueued: 'El registro está en pausa para estaciones nuevas; conservas tu lugar.',
    leave: 'Salir de la cola',
    leaveConfirm: 'Toca otra vez para salir de la cola'
  },
  wait: {
    underMinute: 'menos de un minuto',
    minutes: 'unos {{minutes}} min',
    hours: 'unas {{hours}} h {{minutes}} min'
  },
  outcome: {
    logged: 'Anotado el {{date}} a las {{time}} en {{where}}. ¡73!',
    loggedAt: 'Anotado el {{date}} a las {{time}}. ¡73!',
    joinAgain: 'Unirse otra vez en {{where}}',
    offAir: 'La estación salió del aire y se vació la cola. Vuelve a unirte cuando esté en el aire.',
    removed: 'El operador te quitó de la cola.',
    banned: 'El operador ha vetado a {{callsign}} en este pile-up.',
    bannedReason: 'El operador ha vetado a {{callsign}} en este pile-up: «{{reason}}»',
    sameBand: 'Podrás unirte otra vez cuando la estación cambie de banda o de modo.',
    otherCallsign: 'Unirse con otro indicativo'
  },
  join: {
    callsign: 'Indicativo',
    placeholder: 'p. ej. EA4XYZ',
    submit: 'Unirse a la cola',
    full: 'La cola está llena ({{total}} de {{max}}). Podrás unirte en cuanto quede un lugar libre.',
    notOnAir: 'El registro se abre cuando la estación está en el aire.',
    paused: 'El registro está en pausa por ahora; la cola se conserva. Inténtalo de nuevo en breve.'
  },
  queue: {
    label: 'Cola',
    count: '· {{total}} esperando (máx. {{max}})',
    empty: 'Nadie esperando.'
  },
  errors: {
    noAnswer: 'El servidor no responde. Inténtalo de nuevo en un momento.',
    callsignRequired: 'Escribe primero tu indicativo.',
    callsignInvalid: '«{{callsign}}» no es un indicativo válido.',
    notOnAir: 'La estación no está en el aire. El registro no está disponible.',
    paused: 'El registro está en pausa por ahora. Inténtalo de nuevo en breve.',
    cooldown: '{{callsign}} fue trabajado a las {{time}}; podrás unirte otra vez en {{minutes}} min.',
    duplicate: '{{callsign}} ya está en la cola o lo están trabajando.',
    full: 'La cola está llena. Inténtalo de nuevo en breve.',
    tooFast: 'Demasiados intentos; espera un momento y vuelve a intentarlo.'
  },
  overlay: {
    next: 'Siguientes',
    nobody: 'Nadie esperando',
    scan: 'Escanea para unirte a la cola',
    queued: '{{total}} en la cola',
    scanLan: 'Escanea para unirte (en la red local)',
    distance: 'a {{distance}} km de {{dx}}'
  },
  map: {
    label: 'Mapa',
    path: 'Trayecto a {{dx}} desde {{from}}: {{distance}} km, rumbo de antena {{bearing}}°.',
    station: '{{dx}} está en {{grid}}. Los puntos son las estaciones en espera; las {{numbered}} primeras muestran su lugar en la cola.',
    noGrid: 'Los puntos son las estaciones en espera; las {{numbered}} primeras muestran su lugar en la cola. {{dx}} no ha indicado su ubicación.',
    working: 'Anillo rojo: {{callsign}}, en QSO ahora.'
  }
};
