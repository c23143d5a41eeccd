/**
 * Writes values the way Qt's QDataStream does (big-endian, version Qt_5_4), which is how WSJT-X's
 * UDP messages are encoded: see WSJT-X's Network/NetworkMessage.hpp. Only the types those
 * messages use.
 */

/** Julian day number of 1970-01-01, the epoch of JavaScript times. */
const UNIX_EPOCH_JULIAN_DAY = 2_440_588;
const DAY_MS = 86_400_000;
/** QDateTime's time spec for UTC. */
const TIME_SPEC_UTC = 1;

export class QtDataStream {
  private readonly parts: Buffer[] = [];

  quint8(value: number): this {
    const buffer = Buffer.alloc(1);
    buffer.writeUInt8(value);
    return this.push(buffer);
  }

  bool(value: boolean): this {
    return this.quint8(value ? 1 : 0);
  }

  quint32(value: number): this {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(value);
    return this.push(buffer);
  }

  qint64(value: bigint): this {
    const buffer = Buffer.alloc(8);
    buffer.writeBigInt64BE(value);
    return this.push(buffer);
  }

  quint64(value: bigint): this {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64BE(value);
    return this.push(buffer);
  }

  /** A UTF-8 string as a QByteArray: its length, then its bytes; null is written as length 0xffffffff. */
  utf8(value: string | null): this {
    if (value === null) return this.quint32(0xffff_ffff);
    const bytes = Buffer.from(value, 'utf8');
    return this.quint32(bytes.length).push(bytes);
  }

  /** A QDateTime in UTC: Julian day, milliseconds since midnight, time spec. */
  dateTime(at: Date): this {
    const ms = at.getTime();
    const days = Math.floor(ms / DAY_MS);
    return this.qint64(BigInt(days + UNIX_EPOCH_JULIAN_DAY))
      .quint32(ms - days * DAY_MS)
      .quint8(TIME_SPEC_UTC);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }

  private push(buffer: Buffer): this {
    this.parts.push(buffer);
    return this;
  }
}
