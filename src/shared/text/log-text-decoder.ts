/**
 * Text of a log file as it arrives in pieces: UTF-8 when it is, otherwise Windows-1252, which
 * older Windows loggers write (a name with "é" in it is then one byte that is not UTF-8). The
 * switch happens at the first piece that is not UTF-8; what came before was plain ASCII or valid
 * UTF-8, and reads the same either way.
 */
export class LogTextDecoder {
  private utf8: InstanceType<typeof TextDecoder> | null = new TextDecoder('utf-8', { fatal: true });
  private readonly fallback = new TextDecoder('windows-1252');
  /** Bytes held back by the UTF-8 decoder (a character cut between pieces), kept to re-read them. */
  private held = new Uint8Array(0);

  /** Whether the file turned out not to be UTF-8. */
  get legacy(): boolean {
    return this.utf8 === null;
  }

  decode(piece: Uint8Array, final = false): string {
    if (this.utf8) {
      const joined = new Uint8Array(this.held.length + piece.length);
      joined.set(this.held);
      joined.set(piece, this.held.length);
      try {
        const text = this.utf8.decode(piece, { stream: !final });
        // Remember the undecided tail (at most 3 bytes) in case the next piece is not UTF-8.
        this.held = final ? new Uint8Array(0) : joined.slice(Math.max(0, joined.length - trailingPartial(joined)));
        return text;
      } catch {
        this.utf8 = null;
        return this.fallback.decode(joined, { stream: !final });
      }
    }
    return this.fallback.decode(piece, { stream: !final });
  }
}

/** How many bytes at the end start a UTF-8 character not finished yet. */
function trailingPartial(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}
