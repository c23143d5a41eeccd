/**
 * Who is still there: for each queued station, the live connections of the clients that
 * registered it (or said it is theirs with `queue.here` after a reconnect), and when the last
 * of them was seen. Held in memory only: after a restart nobody has been seen yet, and a station
 * page that reconnects says so again.
 */

interface Seen {
  connections: Set<string>;
  /** When the last connection went, or when a connectionless client (HTTP) last spoke. */
  lastSeen: string | null;
}

export interface PresenceView {
  present: boolean;
  last_seen: string | null;
}

export class Presence {
  private readonly entries = new Map<string, Seen>();
  private readonly byConnection = new Map<string, Set<string>>();
  /** Bumped on every change, so the queue view knows to rebuild. */
  revision = 0;

  private seen(entryId: string): Seen {
    let seen = this.entries.get(entryId);
    if (!seen) {
      seen = { connections: new Set(), lastSeen: null };
      this.entries.set(entryId, seen);
    }
    return seen;
  }

  /** A live connection (WebSocket) speaks for this entry until it closes. */
  attach(entryId: string, connectionId: string): boolean {
    const seen = this.seen(entryId);
    if (seen.connections.has(connectionId)) return false;
    seen.connections.add(connectionId);
    let entries = this.byConnection.get(connectionId);
    if (!entries) {
      entries = new Set();
      this.byConnection.set(connectionId, entries);
    }
    entries.add(entryId);
    this.revision++;
    return true;
  }

  /** A client without a lasting connection (HTTP) spoke for this entry just now. */
  touch(entryId: string, at: string): void {
    this.seen(entryId).lastSeen = at;
    this.revision++;
  }

  /** A connection closed: the entries it spoke for may now be absent. Returns whether any changed. */
  connectionClosed(connectionId: string, at: string): boolean {
    const entries = this.byConnection.get(connectionId);
    if (!entries) return false;
    this.byConnection.delete(connectionId);
    for (const entryId of entries) {
      const seen = this.entries.get(entryId);
      if (!seen) continue;
      seen.connections.delete(connectionId);
      seen.lastSeen = at;
    }
    this.revision++;
    return true;
  }

  /** The entry left the queue: nothing more to track. */
  forget(entryId: string): void {
    const seen = this.entries.get(entryId);
    if (!seen) return;
    for (const connectionId of seen.connections) this.byConnection.get(connectionId)?.delete(entryId);
    this.entries.delete(entryId);
    this.revision++;
  }

  view(entryId: string): PresenceView {
    const seen = this.entries.get(entryId);
    return { present: (seen?.connections.size ?? 0) > 0, last_seen: seen?.lastSeen ?? null };
  }

  /**
   * Entries with no live connection whose last sign of life (or, never seen, `fallback`: when the
   * server started or the entry joined, whichever is later) is older than `before`.
   */
  absentBefore(entryIds: Iterable<{ id: string; since: string }>, before: string): string[] {
    const absent: string[] = [];
    for (const { id, since } of entryIds) {
      const seen = this.entries.get(id);
      if (seen && seen.connections.size > 0) continue;
      const last = seen?.lastSeen && seen.lastSeen > since ? seen.lastSeen : since;
      if (last < before) absent.push(id);
    }
    return absent;
  }
}
