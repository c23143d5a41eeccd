import type { Messages } from './en';

export const de: Messages = {
  language: {
    label: 'Sprache'
  },
  title: {
    pileup: '{{dx}} Pile-up',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'op. {{operator}}',
    onAir: 'QRV',
    offAir: 'Nicht QRV'
  },
  link: {
    connecting: 'Verbindung zur Station wird aufgebaut…',
    lost: 'Verbindung verloren. Neuer Versuch in {{seconds}} s…'
  },
  tuning: {
    frequency: 'Frequenz',
    split: 'Split',
    callOn: 'Rufe auf {{frequency}} MHz'
  },
  working: {
    label: 'Jetzt im QSO',
    nobody: 'Gerade niemand'
  },
  place: {
    region: 'Dein Platz',
    you: 'Du',
    position: 'Dein Platz in der Warteschlange:',
    of: 'von {{total}}',
    announce: 'Dein Platz in der Warteschlange: {{position}}',
    next: 'Du bist als Nächstes dran: mach dich bereit.',
    beingWorked: 'Du bist dran: der DX ruft dich. Antworte jetzt!',
    wait: 'Wartezeit: {{wait}}, nach dem Tempo der letzten QSOs.',
    buzz: 'Vibrieren, wenn ich als Nächstes dran bin',
    pausedQueued: 'Neue Anmeldungen sind pausiert; dein Platz bleibt erhalten.',
    leave: 'Warteschlange verlassen',
    leaveConfirm: 'Zum Verlassen noch einmal tippen'
  },
  wait: {
    underMinute: 'unter einer Minute',
    minutes: 'etwa {{minutes}} min',
    hours: 'etwa {{hours}} h {{minutes}} min'
  },
  outcome: {
    logged: 'Im Log: {{date}} {{time}}, {{where}}. 73!',
    loggedAt: 'Im Log: {{date}} {{time}}. 73!',
    joinAgain: 'Neu anstellen auf {{where}}',
    offAir: 'Die Station ist nicht mehr QRV, die Warteschlange wurde geleert. Melde dich wieder an, wenn sie zurück ist.',
    removed: 'Der Operator hat dich aus der Warteschlange genommen.',
    banned: 'Der Operator hat {{callsign}} für dieses Pile-up gesperrt.',
    bannedReason: 'Der Operator hat {{callsign}} für dieses Pile-up gesperrt: „{{reason}}“',
    sameBand: 'Neu anstellen kannst du, wenn die Station Band oder Betriebsart wechselt.',
    otherCallsign: 'Mit anderem Rufzeichen anstellen'
  },
  join: {
    callsign: 'Rufzeichen',
    placeholder: 'z. B. DL1ABC',
    submit: 'In die Warteschlange',
    full: 'Die Warteschlange ist voll ({{total}} von {{max}}). Anmelden geht wieder, sobald ein Platz frei wird.',
    notOnAir: 'Die Anmeldung öffnet, wenn die Station QRV ist.',
    paused: 'Die Anmeldung ist gerade pausiert; die Warteschlange bleibt. Versuch es gleich noch einmal.'
  },
  queue: {
    label: 'Warteschlange',
    count: '· {{total}} warten (max. {{max}})',
    empty: 'Niemand wartet.'
  },
  errors: {
    noAnswer: 'Keine Antwort vom Server. Versuch es gleich noch einmal.',
    callsignRequired: 'Gib zuerst dein Rufzeichen ein.',
    callsignInvalid: '„{{callsign}}“ ist kein gültiges Rufzeichen.',
    notOnAir: 'Die Station ist nicht QRV. Anmelden ist nicht möglich.',
    paused: 'Die Anmeldung ist gerade pausiert. Versuch es gleich noch einmal.',
    cooldown: '{{callsign}} wurde um {{time}} gearbeitet; erneut anmelden in {{minutes}} min.',
    duplicate: '{{callsign}} ist schon in der Warteschlange oder im QSO.',
    full: 'Die Warteschlange ist voll. Versuch es gleich noch einmal.',
    tooFast: 'Zu viele Versuche; warte kurz und versuch es dann noch einmal.'
  },
  overlay: {
    next: 'Als Nächstes',
    nobody: 'Niemand wartet',
    scan: 'Scannen und anmelden',
    queued: '{{total}} in der Warteschlange',
    scanLan: 'Scannen und anstellen (im lokalen Netz)',
    distance: '{{distance}} km von {{dx}}'
  },
  map: {
    label: 'Karte',
    path: 'Weg zu {{dx}} von {{from}}: {{distance}} km, Antennenrichtung {{bearing}}°.',
    station: '{{dx}} ist in {{grid}}. Die Punkte sind die wartenden Stationen; die ersten {{numbered}} zeigen ihren Platz in der Warteschlange.',
    noGrid: 'Die Punkte sind die wartenden Stationen; die ersten {{numbered}} zeigen ihren Platz in der Warteschlange. {{dx}} hat seinen Standort nicht angegeben.',
    working: 'Roter Ring: {{callsign}}, jetzt im QSO.'
  }
};
