import type { Messages } from './en';

export const ru: Messages = {
  language: {
    label: 'Язык'
  },
  title: {
    pileup: 'Пайл-ап {{dx}}',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'оп. {{operator}}',
    onAir: 'В эфире',
    offAir: 'Не в эфире'
  },
  link: {
    connecting: 'Подключение к станции…',
    lost: 'Связь потеряна. Повтор через {{seconds}} с…'
  },
  tuning: {
    frequency: 'Частота',
    split: 'Сплит',
    callOn: 'Зовите на {{frequency}} MHz'
  },
  working: {
    label: 'Сейчас в QSO',
    nobody: 'Сейчас никого'
  },
  place: {
    region: 'Ваше место',
    you: 'Вы',
    position: 'Ваше место в очереди:',
    of: 'из {{total}}',
    announce: 'Ваше место в очереди: {{position}}',
    next: 'Вы следующий: приготовьтесь звать.',
    beingWorked: 'Ваша очередь: DX зовёт вас. Отвечайте!',
    wait: 'Ожидание: {{wait}}, по темпу последних QSO.',
    buzz: 'Вибрация, когда я следующий',
    pausedQueued: 'Запись новых станций приостановлена; ваше место сохранено.',
    leave: 'Покинуть очередь',
    leaveConfirm: 'Нажмите ещё раз, чтобы покинуть очередь'
  },
  wait: {
    underMinute: 'меньше минуты',
    minutes: 'около {{minutes}} мин',
    hours: 'около {{hours}} ч {{minutes}} мин'
  },
  outcome: {
    logged: 'В логе: {{date}} {{time}}, {{where}}. 73!',
    loggedAt: 'В логе: {{date}} {{time}}. 73!',
    joinAgain: 'Встать снова на {{where}}',
    offAir: 'Станция ушла из эфира, очередь очищена. Встаньте снова, когда она вернётся в эфир.',
    removed: 'Оператор убрал вас из очереди.',
    banned: 'Оператор запретил {{callsign}} участвовать в этом пайл-апе.',
    bannedReason: 'Оператор запретил {{callsign}} участвовать в этом пайл-апе: «{{reason}}»',
    sameBand: 'Встать снова можно, когда станция сменит диапазон или вид работы.',
    otherCallsign: 'Встать с другим позывным'
  },
  join: {
    callsign: 'Позывной',
    placeholder: 'напр. UA3ABC',
    submit: 'Встать в очередь',
    full: 'Очередь заполнена ({{total}} из {{max}}). Встать можно, как только освободится место.',
    notOnAir: 'Запись откроется, когда станция выйдет в эфир.',
    paused: 'Запись пока приостановлена; очередь сохранена. Попробуйте чуть позже.'
  },
  queue: {
    label: 'Очередь',
    count: '· ждут {{total}} (макс. {{max}})',
    empty: 'Никто не ждёт.'
  },
  errors: {
    noAnswer: 'Сервер не отвечает. Попробуйте через минуту.',
    callsignRequired: 'Сначала введите свой позывной.',
    callsignInvalid: '«{{callsign}}» — неверный позывной.',
    notOnAir: 'Станция не в эфире. Запись недоступна.',
    paused: 'Запись пока приостановлена. Попробуйте чуть позже.',
    cooldown: 'С {{callsign}} провели QSO в {{time}}; встать снова можно через {{minutes}} мин.',
    duplicate: '{{callsign}} уже в очереди или в QSO.',
    full: 'Очередь заполнена. Попробуйте чуть позже.',
    tooFast: 'Слишком много попыток; подождите немного и повторите.'
  },
  overlay: {
    next: 'Далее',
    nobody: 'Никто не ждёт',
    scan: 'Сканируйте, чтобы встать в очередь',
    queued: 'В очереди: {{total}}',
    scanLan: 'Сканируйте, чтобы встать в очередь (локальная сеть)'
  }
};
