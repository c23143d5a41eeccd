import type { Messages } from './en';

export const pt: Messages = {
  language: {
    label: 'Idioma'
  },
  title: {
    pileup: 'Pile-up de {{dx}}',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'op. {{operator}}',
    onAir: 'No ar',
    offAir: 'Fora do ar'
  },
  link: {
    connecting: 'Conectando à estação…',
    lost: 'Conexão perdida. Reconectando em {{seconds}} s…'
  },
  tuning: {
    frequency: 'Frequência',
    split: 'Split',
    callOn: 'Chame em {{frequency}} MHz'
  },
  working: {
    label: 'Em QSO agora',
    nobody: 'Ninguém no momento'
  },
  place: {
    region: 'Seu lugar',
    you: 'Você',
    position: 'Seu lugar na fila:',
    of: 'de {{total}}',
    announce: 'Seu lugar na fila: {{position}}',
    next: 'Você é o próximo: prepare-se para chamar.',
    beingWorked: 'Sua vez: o DX está chamando você. Responda agora!',
    wait: 'Espera: {{wait}}, no ritmo dos últimos QSOs.',
    buzz: 'Vibrar quando eu for o próximo',
    pausedQueued: 'As inscrições estão pausadas para novas estações; seu lugar está mantido.',
    leave: 'Sair da fila',
    leaveConfirm: 'Toque de novo para sair da fila'
  },
  wait: {
    underMinute: 'menos de um minuto',
    minutes: 'cerca de {{minutes}} min',
    hours: 'cerca de {{hours}} h {{minutes}} min'
  },
  outcome: {
    logged: 'Registrado em {{date}} às {{time}} em {{where}}. 73!',
    loggedAt: 'Registrado em {{date}} às {{time}}. 73!',
    joinAgain: 'Entrar de novo em {{where}}',
    offAir: 'A estação saiu do ar e a fila foi esvaziada. Entre de novo quando ela voltar ao ar.',
    removed: 'O operador tirou você da fila.',
    banned: 'O operador baniu {{callsign}} deste pile-up.',
    bannedReason: 'O operador baniu {{callsign}} deste pile-up: “{{reason}}”',
    sameBand: 'Você pode entrar de novo quando a estação mudar de banda ou modo.',
    otherCallsign: 'Entrar com outro indicativo'
  },
  join: {
    callsign: 'Indicativo',
    placeholder: 'ex. PY2ABC',
    submit: 'Entrar na fila',
    full: 'A fila está cheia ({{total}} de {{max}}). Você pode entrar assim que abrir uma vaga.',
    notOnAir: 'As inscrições abrem quando a estação está no ar.',
    paused: 'As inscrições estão pausadas no momento; a fila é mantida. Tente de novo em breve.'
  },
  queue: {
    label: 'Fila',
    count: '· {{total}} esperando (máx. {{max}})',
    empty: 'Ninguém esperando.'
  },
  errors: {
    noAnswer: 'Sem resposta do servidor. Tente de novo em um instante.',
    callsignRequired: 'Digite primeiro o seu indicativo.',
    callsignInvalid: '“{{callsign}}” não é um indicativo válido.',
    notOnAir: 'A estação não está no ar. A inscrição não está disponível.',
    paused: 'As inscrições estão pausadas no momento. Tente de novo em breve.',
    cooldown: '{{callsign}} foi contatado às {{time}}; você pode entrar de novo em {{minutes}} min.',
    duplicate: '{{callsign}} já está na fila ou em QSO.',
    full: 'A fila está cheia. Tente de novo em breve.',
    tooFast: 'Tentativas demais; espere um instante e tente de novo.'
  },
  overlay: {
    next: 'Próximos',
    nobody: 'Ninguém esperando',
    scan: 'Escaneie para entrar na fila',
    queued: '{{total}} na fila',
    scanLan: 'Escaneie para entrar (rede local)',
    distance: 'a {{distance}} km de {{dx}}'
  },
  map: {
    label: 'Mapa',
    path: 'Percurso até {{dx}} a partir de {{from}}: {{distance}} km, azimute {{bearing}}°.',
    station: '{{dx}} está em {{grid}}. Os pontos são as estações à espera; as {{numbered}} primeiras mostram o seu lugar na fila.',
    noGrid: 'Os pontos são as estações à espera; as {{numbered}} primeiras mostram o seu lugar na fila. {{dx}} não indicou a sua localização.',
    working: 'Anel vermelho: {{callsign}}, em QSO agora.'
  }
};
