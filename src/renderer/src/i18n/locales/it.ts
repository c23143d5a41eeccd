import type { Messages } from './en';

export const it: Messages = {
  language: {
    label: 'Lingua'
  },
  title: {
    pileup: 'Pile-up di {{dx}}',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'op. {{operator}}',
    onAir: 'In aria',
    offAir: 'Non in aria'
  },
  link: {
    connecting: 'Connessione alla stazione…',
    lost: 'Connessione persa. Nuovo tentativo tra {{seconds}} s…'
  },
  tuning: {
    frequency: 'Frequenza',
    split: 'Split',
    callOn: 'Chiama su {{frequency}} MHz'
  },
  working: {
    label: 'In QSO ora',
    nobody: 'Nessuno al momento'
  },
  place: {
    region: 'Il tuo posto',
    you: 'Tu',
    position: 'Il tuo posto in coda:',
    of: 'su {{total}}',
    announce: 'Il tuo posto in coda: {{position}}',
    next: 'Sei il prossimo: preparati a chiamare.',
    beingWorked: 'Tocca a te: il DX ti sta chiamando. Rispondi ora!',
    wait: 'Attesa: {{wait}}, al ritmo degli ultimi QSO.',
    buzz: 'Vibra quando sono il prossimo',
    pausedQueued: 'Le iscrizioni sono in pausa per le nuove stazioni; il tuo posto resta.',
    leave: 'Lascia la coda',
    leaveConfirm: 'Tocca di nuovo per lasciare la coda'
  },
  wait: {
    underMinute: 'meno di un minuto',
    minutes: 'circa {{minutes}} min',
    hours: 'circa {{hours}} h {{minutes}} min'
  },
  outcome: {
    logged: 'Registrato il {{date}} alle {{time}} su {{where}}. 73!',
    loggedAt: 'Registrato il {{date}} alle {{time}}. 73!',
    joinAgain: 'Rientra in coda su {{where}}',
    offAir: 'La stazione è uscita dall’aria e la coda è stata svuotata. Rientra quando torna in aria.',
    removed: 'L’operatore ti ha tolto dalla coda.',
    banned: 'L’operatore ha escluso {{callsign}} da questo pile-up.',
    bannedReason: 'L’operatore ha escluso {{callsign}} da questo pile-up: «{{reason}}»',
    sameBand: 'Potrai rientrare in coda quando la stazione cambia banda o modo.',
    otherCallsign: 'Entra con un altro nominativo'
  },
  join: {
    callsign: 'Nominativo',
    placeholder: 'es. I2ABC',
    submit: 'Entra in coda',
    full: 'La coda è piena ({{total}} su {{max}}). Potrai entrare appena si libera un posto.',
    notOnAir: 'Le iscrizioni aprono quando la stazione è in aria.',
    paused: 'Le iscrizioni sono in pausa per ora; la coda resta. Riprova tra poco.'
  },
  queue: {
    label: 'Coda',
    count: '· {{total}} in attesa (max. {{max}})',
    empty: 'Nessuno in attesa.'
  },
  errors: {
    noAnswer: 'Nessuna risposta dal server. Riprova tra un momento.',
    callsignRequired: 'Scrivi prima il tuo nominativo.',
    callsignInvalid: '«{{callsign}}» non è un nominativo valido.',
    notOnAir: 'La stazione non è in aria. L’iscrizione non è disponibile.',
    paused: 'Le iscrizioni sono in pausa per ora. Riprova tra poco.',
    cooldown: '{{callsign}} è stato collegato alle {{time}}; potrai rientrare tra {{minutes}} min.',
    duplicate: '{{callsign}} è già in coda o in QSO.',
    full: 'La coda è piena. Riprova tra poco.',
    tooFast: 'Troppi tentativi; aspetta un momento e riprova.'
  },
  overlay: {
    next: 'Prossimi',
    nobody: 'Nessuno in attesa',
    scan: 'Inquadra per entrare in coda',
    queued: '{{total}} in coda',
    scanLan: 'Inquadra per entrare (rete locale)',
    distance: 'a {{distance}} km da {{dx}}'
  },
  map: {
    label: 'Mappa',
    path: 'Percorso verso {{dx}} da {{from}}: {{distance}} km, direzione d’antenna {{bearing}}°.',
    station: '{{dx}} è in {{grid}}. I punti sono le stazioni in attesa; le prime {{numbered}} mostrano il loro posto in coda.',
    noGrid: 'I punti sono le stazioni in attesa; le prime {{numbered}} mostrano il loro posto in coda. {{dx}} non ha indicato la sua posizione.',
    working: 'Anello rosso: {{callsign}}, in QSO ora.'
  }
};
