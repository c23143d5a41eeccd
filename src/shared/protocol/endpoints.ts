/**
 * Where the server answers and the limits of what it accepts: the one home of these facts. The
 * server, the clients, the console, discovery and the protocol reference all read them here.
 */

/** The pileup port when none is configured (the next 9 are tried if it is taken). */
export const DEFAULT_PORT = 8000;

/** The WebSocket endpoint of the pileup protocol. */
export const WEBSOCKET_PATH = '/ws/connect';
/** The station page, where callers join the queue from a browser. */
export const STATION_PAGE_PATH = '/';
/** The stream overlay: an OBS browser source showing the pileup over the video. */
export const OVERLAY_PATH = '/overlay';
/** The operator console in a browser. */
export const CONSOLE_PATH = '/console/';
/** Every HTTP operation lives under this prefix. */
export const API_PREFIX = '/api/';
/** Server-Sent Events: the same events as the WebSocket. */
export const EVENT_STREAM_PATH = '/api/events/stream';
/** Liveness and readiness as JSON, for a supervisor. */
export const HEALTH_PATH = '/healthz';
/** Prometheus text exposition of the server's counters. */
export const METRICS_PATH = '/metrics';

/** The largest WebSocket frame accepted; larger ones close the connection with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** WebSocket connections this machine may open beyond the connection cap: the operator's console always gets in. */
export const LOCAL_CONNECTIONS_RESERVED = 4;
/** The largest HTTP request body accepted. */
export const MAX_HTTP_BODY_BYTES = 64 * 1024;
/** A client that leaves this much unread is dropped, so one slow reader cannot hold the server's memory. */
export const SEND_BUFFER_CAP_BYTES = 1024 * 1024;
/** How long a client may take to send a request's headers (an idle socket counts too) before it is closed. */
export const HTTP_HEADERS_TIMEOUT_MS = 10_000;
/**
 * How long a client may take to send a whole request: long enough for a big log uploaded for
 * import over slow Wi-Fi (the headers' own limit and the per-address socket share keep slow
 * clients from holding the server).
 */
export const HTTP_REQUEST_TIMEOUT_MS = 300_000;
/** How often the server looks for sockets past those times. */
export const HTTP_TIMEOUT_CHECK_MS = 1_000;
/** How often the event stream sends a comment, so proxies and phones keep it open. */
export const SSE_KEEPALIVE_MS = 15_000;

/** A host as it goes into a URL: IPv6 addresses in brackets. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** `ws://host:port/ws/connect`, the address a station's software connects to. */
export function websocketUrl(host: string, port: number | string, path = WEBSOCKET_PATH): string {
  return `ws://${urlHost(host)}:${port}${path}`;
}

/** `http://host:port/path`, e.g. the console or the station page. */
export function httpUrl(host: string, port: number | string, path: string): string {
  return `http://${urlHost(host)}:${port}${path}`;
}

/** The WebSocket endpoint of the server that served this page (`location.host` already has the port). */
export function websocketUrlForPage(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WEBSOCKET_PATH}`;
}

/** A size for prose: "64 KiB", "1 MiB". */
export function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

/**
 * The most characters one piece of an imported file carries. Over WebSocket a piece must also fit
 * a frame (MAX_FRAME_BYTES) once escaped and in UTF-8: a client sends less when it would not.
 */
export const IMPORT_PIECE_MAX_CHARS = 60_000;
/** QSOs one `admin.get_log` answer holds at most. */
export const LOG_PAGE_MAX = 500;
