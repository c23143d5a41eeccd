/**
 * The station page and the stream overlay in English: the source every other language follows
 * (their files are checked against this one's keys). Callsigns, frequencies, bands, modes and UTC
 * times are filled in as they are, in their usual ham forms.
 */
export const en = {
  language: {
    label: 'Language'
  },
  title: {
    pileup: '{{dx}} pileup',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'op. {{operator}}',
    onAir: 'On the air',
    offAir: 'Off the air'
  },
  link: {
    connecting: 'Connecting to the station…',
    lost: 'Connection lost. Reconnecting in {{seconds}} s…'
  },
  tuning: {
    frequency: 'Frequency',
    split: 'Split',
    callOn: 'Call on {{frequency}} MHz'
  },
  working: {
    label: 'Working now',
    nobody: 'Nobody at the moment'
  },
  place: {
    region: 'Your place',
    you: 'You',
    position: 'Your place in the queue:',
    of: 'of {{total}}',
    announce: 'Your place in the queue: {{position}}',
    next: 'You are next: get ready to call.',
    beingWorked: 'Your turn: the DX is calling you. Answer now!',
    wait: 'Wait: {{wait}}, at the pace of the last QSOs.',
    buzz: 'Vibrate when I am next',
    pausedQueued: 'Registration is paused for new stations; your place is kept.',
    leave: 'Leave the queue',
    leaveConfirm: 'Tap again to leave the queue'
  },
  wait: {
    underMinute: 'less than a minute',
    minutes: 'about {{minutes}} min',
    hours: 'about {{hours}} h {{minutes}} min'
  },
  outcome: {
    logged: 'Logged {{date}} {{time}} on {{where}}. 73!',
    loggedAt: 'Logged {{date}} {{time}}. 73!',
    joinAgain: 'Join again on {{where}}',
    offAir: 'The station went off the air and the queue was cleared. Join again when it is back on the air.',
    removed: 'The operator took you out of the queue.',
    banned: 'The operator has banned {{callsign}} from this pileup.',
    bannedReason: 'The operator has banned {{callsign}} from this pileup: “{{reason}}”',
    sameBand: 'You can join again when the station changes band or mode.',
    otherCallsign: 'Join with another callsign'
  },
  join: {
    callsign: 'Callsign',
    placeholder: 'e.g. W1AW',
    submit: 'Join the queue',
    full: 'The queue is full ({{total}} of {{max}}). Joining opens as soon as a place frees up.',
    notOnAir: 'Registration opens when the station is on the air.',
    paused: 'Registration is paused for the moment; the queue is kept. Try again shortly.'
  },
  queue: {
    label: 'Queue',
    count: '· {{total}} waiting (max. {{max}})',
    empty: 'Nobody waiting.'
  },
  errors: {
    noAnswer: 'No answer from the server. Try again in a moment.',
    callsignRequired: 'Type your callsign first.',
    callsignInvalid: '“{{callsign}}” is not a valid callsign.',
    notOnAir: 'The station is not on the air. Registration is not available.',
    paused: 'Registration is paused for the moment. Try again shortly.',
    cooldown: '{{callsign}} was worked at {{time}}; you may join again in {{minutes}} min.',
    duplicate: '{{callsign}} is already in the queue or being worked.',
    full: 'The queue is full. Try again shortly.',
    tooFast: 'Too many tries; wait a moment and try again.'
  },
  overlay: {
    next: 'Next',
    nobody: 'Nobody waiting',
    scan: 'Scan to join the queue',
    queued: '{{total}} in the queue',
    scanLan: 'Scan to join (on the local network)',
    distance: '{{distance}} km from {{dx}}'
  },
  map: {
    label: 'Map',
    path: 'Path to {{dx}} from {{from}}: {{distance}} km, beam heading {{bearing}}°.',
    station: '{{dx}} is at {{grid}}. The dots are the stations waiting; the first {{numbered}} show their place in the queue.',
    noGrid: 'The dots are the stations waiting; the first {{numbered}} show their place in the queue. {{dx}} has not given its location.',
    working: 'Red ring: {{callsign}}, being worked now.'
  }
};

/** The shape every language gives: the same keys, each a string. */
export type Messages = { [K in keyof typeof en]: { [L in keyof (typeof en)[K]]: string } };
