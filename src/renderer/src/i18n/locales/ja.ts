import type { Messages } from './en';

export const ja: Messages = {
  language: {
    label: '言語'
  },
  title: {
    pileup: '{{dx}} パイルアップ',
    default: 'Pileup Buster'
  },
  header: {
    operator: 'op. {{operator}}',
    onAir: 'オンエア中',
    offAir: 'オフエア'
  },
  link: {
    connecting: '局に接続しています…',
    lost: '接続が切れました。{{seconds}} 秒後に再接続します…'
  },
  tuning: {
    frequency: '周波数',
    split: 'スプリット',
    callOn: '{{frequency}} MHz で呼ぶ'
  },
  working: {
    label: '交信中',
    nobody: '現在なし'
  },
  place: {
    region: 'あなたの順番',
    you: 'あなた',
    position: 'キューでの順番:',
    of: '/ {{total}}',
    announce: 'キューでの順番: {{position}} 番',
    next: '次はあなたです。呼ぶ準備をしてください。',
    beingWorked: 'あなたの番です。DX があなたを呼んでいます。すぐ応答してください!',
    wait: '待ち時間: {{wait}}(最近の QSO のペースから)',
    buzz: '次の番になったら振動する',
    pausedQueued: '新規の受付は一時停止中です。あなたの順番はそのままです。',
    leave: 'キューから抜ける',
    leaveConfirm: 'もう一度タップすると抜けます'
  },
  wait: {
    underMinute: '1 分未満',
    minutes: '約 {{minutes}} 分',
    hours: '約 {{hours}} 時間 {{minutes}} 分'
  },
  outcome: {
    logged: '{{date}} {{time}} に {{where}} でログしました。73!',
    loggedAt: '{{date}} {{time}} にログしました。73!',
    joinAgain: '{{where}} でもう一度並ぶ',
    offAir: '局がオフエアになり、キューは消去されました。オンエアに戻ったらもう一度並んでください。',
    removed: 'オペレーターがあなたをキューから外しました。',
    banned: 'オペレーターは {{callsign}} をこのパイルアップから締め出しました。',
    bannedReason: 'オペレーターは {{callsign}} をこのパイルアップから締め出しました:「{{reason}}」',
    sameBand: '局がバンドかモードを変えたら、もう一度並べます。',
    otherCallsign: '別のコールサインで並ぶ'
  },
  join: {
    callsign: 'コールサイン',
    placeholder: '例: JA1XYZ',
    submit: 'キューに並ぶ',
    full: 'キューは満員です({{total}} / {{max}})。空きが出たらすぐに並べます。',
    notOnAir: '局がオンエアになると受付が始まります。',
    paused: '受付は一時停止中です。キューはそのままです。少し待ってからもう一度どうぞ。'
  },
  queue: {
    label: 'キュー',
    count: '· {{total}} 局待ち(最大 {{max}})',
    empty: '待っている局はありません。'
  },
  errors: {
    noAnswer: 'サーバーから応答がありません。少し待ってからもう一度どうぞ。',
    callsignRequired: '先にコールサインを入力してください。',
    callsignInvalid: '「{{callsign}}」は有効なコールサインではありません。',
    notOnAir: '局はオンエアしていません。受付はできません。',
    paused: '受付は一時停止中です。少し待ってからもう一度どうぞ。',
    cooldown: '{{callsign}} は {{time}} に交信済みです。{{minutes}} 分後にまた並べます。',
    duplicate: '{{callsign}} はすでにキューにいるか、交信中です。',
    full: 'キューは満員です。少し待ってからもう一度どうぞ。',
    tooFast: '試行が多すぎます。少し待ってからもう一度どうぞ。'
  },
  overlay: {
    next: '次',
    nobody: '待っている局なし',
    scan: 'スキャンしてキューに並ぶ',
    queued: 'キュー {{total}} 局',
    scanLan: 'スキャンして並ぶ(ローカルネットワーク)',
    distance: '{{dx}}から{{distance}} km'
  },
  map: {
    label: '地図',
    path: '{{from}}から{{dx}}への経路:{{distance}} km、アンテナ方位 {{bearing}}°。',
    station: '{{dx}}は{{grid}}にいます。点は待っている局で、最初の{{numbered}}局にはキューの順番が付いています。',
    noGrid: '点は待っている局で、最初の{{numbered}}局にはキューの順番が付いています。{{dx}}は位置を公開していません。',
    working: '赤い輪:{{callsign}}、現在交信中。'
  }
};
