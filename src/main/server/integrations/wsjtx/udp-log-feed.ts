/**
 * The log feed into the operator's own logger: every QSO the pileup logs is sent as WSJT-X would
 * send it ("QSO Logged" and "Logged ADIF"), with a Heartbeat every 15 s and a Close on stop, to each
 * target. N1MM+, Log4OM, JTAlert/DXKeeper, GridTracker, CQRLOG and KLog listen for these.
 *
 * It follows the pileup's events, so it sends what the pileup announced as logged, once: QSOs
 * imported from a file are not announced that way and are not sent. The protocol has no message
 * for a correction or a deletion, so those stay in this log (see the README).
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { LoggedQso } from '../../../../shared/protocol/entities.js';
import type { EventFeed } from '../../pileup/event-hub.js';
import type { Logger } from '../../logger.js';
import { SummedWarning } from '../../summed-warning.js';
import { bandOf } from '../../../../shared/ham/frequency.js';
import { logToAdif } from '../../log/adif.js';
import { formatHostPort } from '../host-port.js';
import { HEARTBEAT_SECONDS, close, heartbeat, loggedAdif, qsoLogged, type QsoLoggedFields } from './network-message.js';
import type { UdpTarget } from './udp-targets.js';

/** How long a datagram may wait for its socket before it counts as not sent. */
const SEND_TIMEOUT_MS = 1000;

/** The id loggers show for this sender (WSJT-X sends "WSJT-X"). */
export const FEED_ID = 'PileupBuster';

export interface UdpLogFeedOptions {
  targets: readonly UdpTarget[];
  events: EventFeed;
  version: string;
  logger: Logger;
}

/** What WSJT-X would put in "QSO Logged" for this QSO; empty where nothing is known. */
export function qsoLoggedFields(qso: LoggedQso): QsoLoggedFields {
  return {
    timeOff: new Date(qso.completed_at),
    dxCall: qso.callsign,
    dxGrid: qso.grid ?? qso.qrz?.grid ?? '',
    txFrequencyHz: qso.frequency_hz ?? 0,
    // WSJT-X names FT4 and the like by their submode (ADIF: MODE MFSK, SUBMODE FT4).
    mode: (qso.mode === 'MFSK' && qso.submode ? qso.submode : qso.mode) ?? '',
    reportSent: qso.rst_sent ?? '',
    reportReceived: qso.rst_rcvd ?? '',
    txPower: '',
    comments: qso.notes ?? '',
    name: qso.name ?? qso.qrz?.name ?? '',
    timeOn: new Date(qso.started_at),
    operatorCall: qso.operator ?? '',
    myCall: qso.station_callsign ?? '',
    myGrid: qso.my_grid ?? '',
    exchangeSent: '',
    exchangeReceived: qso.exchange ?? '',
    propagationMode: ''
  };
}

export class UdpLogFeed {
  private readonly sockets = new Map<4 | 6, Socket>();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly sendFailures: SummedWarning;
  /** Datagrams handed to a socket and not yet sent: Close waits for them, so it comes last. */
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;
  /** QSOs sent, for the log and the tests. */
  sent = 0;

  constructor(private readonly options: UdpLogFeedOptions) {
    this.sendFailures = new SummedWarning(options.logger, 'UDP log feed: could not send to a logger');
  }

  get targets(): readonly UdpTarget[] {
    return this.options.targets;
  }

  start(): void {
    this.beat();
    this.heartbeatTimer = setInterval(() => this.beat(), HEARTBEAT_SECONDS * 1000);
    this.heartbeatTimer.unref();
    this.unsubscribe = this.options.events.subscribe((message) => {
      if (message.event === 'qso_complete') this.sendQso((message.data as { qso: LoggedQso }).qso);
    });
    this.options.logger.info({ targets: this.options.targets.map(formatHostPort) }, 'UDP log feed on');
  }

  /** Sends Close to every target, then closes the sockets. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    await Promise.all(this.inFlight);
    await this.sendToAll(close(FEED_ID), true);
    for (const socket of this.sockets.values()) socket.close();
    this.sockets.clear();
  }

  sendQso(qso: LoggedQso): void {
    const adif = logToAdif([qso], { bandOf, title: null });
    // Both messages, in this order; a stop in between still lets the second go before Close.
    this.track(this.sendToAll(qsoLogged(FEED_ID, qsoLoggedFields(qso))).then(() => this.sendToAll(loggedAdif(FEED_ID, adif), true)));
    this.sent++;
  }

  private beat(): void {
    this.track(this.sendToAll(heartbeat(FEED_ID, this.options.version, '')));
  }

  private track(sending: Promise<void>): void {
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }

  private sendToAll(datagram: Buffer, evenIfStopped = false): Promise<void> {
    if (this.stopped && !evenIfStopped) return Promise.resolve();
    return Promise.all(this.options.targets.map((target) => this.send(target, datagram))).then(() => undefined);
  }

  /** Settles however the send ends: a socket that fails to bind never calls back, so a timer stands in. */
  private send(target: UdpTarget, datagram: Buffer): Promise<void> {
    const socket = this.socketFor(target);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sendFailures.note({ target: formatHostPort(target), err: 'no answer from the socket within 1 s' });
        resolve();
      }, SEND_TIMEOUT_MS);
      timer.unref();
      try {
        socket.send(datagram, target.port, target.host, (error) => {
          clearTimeout(timer);
          if (error) this.sendFailures.note({ target: formatHostPort(target), err: error.message });
          resolve();
        });
      } catch (error) {
        clearTimeout(timer);
        this.sendFailures.note({ target: formatHostPort(target), err: (error as Error).message });
        resolve();
      }
    });
  }

  /** One socket per address family; a host name is looked up as IPv4. */
  private socketFor(target: UdpTarget): Socket {
    const family = isIP(target.host) === 6 ? 6 : 4;
    let socket = this.sockets.get(family);
    if (!socket) {
      socket = createSocket(family === 6 ? 'udp6' : 'udp4');
      // A logger on this machine listening to a multicast group hears it too; it stays on the LAN.
      socket.on('error', (error) => this.sendFailures.note({ err: error.message }));
      socket.once('listening', () => {
        socket!.setMulticastTTL(1);
        socket!.setMulticastLoopback(true);
      });
      this.sockets.set(family, socket);
    }
    return socket;
  }
}
