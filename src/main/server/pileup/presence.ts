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

/** How many recent changes `changedSince` can answer for; older revisions get null. */
const CHANGES_KEPT = 4096;

export class Presence {
  private readonly entries = new Map<string, Seen>();
  private readonly byConnection = new Map<string, Set<string>>();
  private changes = 0;
  /** The entries each recent change touched: `recent[i]` made revision `recentFrom + i`. */
  private recent: (readonly string[])[] = [];
  private recentFrom = 1;

  /**
   * The entries whose view changed after `revision`, or null when that is too long ago to tell:
   * the queue view then rebuilds every entry instead of only these.
   */
  changedSince(revision: number): ReadonlySet<string> | null {
    if (revision < this.recentFrom - 1 || revision > this.revision) return null;
    const changed = new Set<string>();
    for (let i = revision + 1 - this.recentFrom; i < this.recent.length; i++) for (const id of this.recent[i]!) changed.add(id);
    return changed;
  }

  /** Bumped on every change, so the queue view knows to rebuild. */
  get revision(): number {
    return this.changes;
  }

  private changed(entryIds: readonly string[]): void {
    this.changes++;
    this.recent.push(entryIds);
    if (this.recent.length > CHANGES_KEPT) {
      const drop = this.recent.length - CHANGES_KEPT / 2;
      this.recent = this.recent.slice(drop);
      this.recentFrom += drop;
    }
  }

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
    this.changed([entryId]);
    return true;
  }

  /** A client without a lasting connection (HTTP) spoke for this entry just now. */
  touch(entryId: string, at: string): void {
    this.seen(entryId).lastSeen = at;
    this.changed([entryId]);
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
    this.changed([...entries]);
    return true;
  }

  /** The entry left the queue: nothing more to track. */
  forget(entryId: string): void {
    const seen = this.entries.get(entryId);
    if (!seen) return;
    for (const connectionId of seen.connections) this.byConnection.get(connectionId)?.delete(entryId);
    this.entries.delete(entryId);
    this.changed([entryId]);
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
