/**
 * Reads ADIF (.adi) as it arrives, a piece at a time, so a 100,000-QSO log never has to be held as
 * one string: `<NAME:LENGTH[:TYPE]>value` fields, records ended by `<EOR>`, and an optional header
 * ended by `<EOH>` (a file whose first character is not `<` has one). Tag names in any case,
 * application-defined fields (`APP_…`, `USERDEF`), CR LF or LF, and text between fields are all
 * accepted. What cannot be read as ADIF at all is an AdifSyntaxError naming its line.
 */

export interface AdifRecord {
  /** Field values by lower-case name. */
  fields: Map<string, string>;
  /** The line the record starts on (1-based). */
  line: number;
}

export class AdifSyntaxError extends Error {
  override name = 'AdifSyntaxError';
  constructor(
    readonly line: number,
    detail: string
  ) {
    super(`line ${line}: ${detail}`);
  }
}

/** A tag longer than this is not a tag: the file is not ADIF, or is broken. */
const MAX_TAG_LENGTH = 200;
/** No field of a log is this long; a bigger length is a broken file, not a field to wait for. */
const MAX_FIELD_LENGTH = 1_000_000;

export class AdifReader {
  private buffer = '';
  /** A place in `buffer` whose line is known: lines are counted once, moving forward only. */
  private cursor = { at: 0, line: 1 };
  private inHeader: boolean | null = null;
  private record: AdifRecord | null = null;
  private ended = false;

  /** Reads what it can of `text`; whole records are returned, the rest waits for more. */
  push(text: string): AdifRecord[] {
    if (this.ended) throw new Error('push after end');
    this.buffer += text;
    return this.drain(false);
  }

  /** The file is complete: a field cut short is an error; a last record without <EOR> is kept. */
  end(): AdifRecord[] {
    const records = this.drain(true);
    this.ended = true;
    if (this.record && this.record.fields.size > 0) records.push(this.record);
    this.record = null;
    return records;
  }

  private drain(final: boolean): AdifRecord[] {
    const records: AdifRecord[] = [];
    if (this.inHeader === null) {
      const first = this.buffer.trimStart();
      if (first === '' && !final) return records;
      this.inHeader = !first.startsWith('<');
    }
    let at = 0;
    for (;;) {
      const open = this.buffer.indexOf('<', at);
      if (open < 0) {
        this.consume(this.buffer.length);
        at = 0;
        break;
      }
      const close = this.buffer.indexOf('>', open);
      if (close < 0) {
        if (this.buffer.length - open > MAX_TAG_LENGTH || final) throw new AdifSyntaxError(this.lineAt(open), `"<" opens a tag that never closes`);
        this.consume(open);
        at = 0;
        break;
      }
      const tag = this.buffer.slice(open + 1, close);
      if (tag.length > MAX_TAG_LENGTH) throw new AdifSyntaxError(this.lineAt(open), `"<" opens a tag that never closes`);
      const name = tag.split(':')[0]!.trim().toLowerCase();
      if (name === 'eoh') {
        this.inHeader = false;
        this.record = null;
        at = close + 1;
        continue;
      }
      if (name === 'eor') {
        if (!this.inHeader && this.record && this.record.fields.size > 0) records.push(this.record);
        this.record = null;
        at = close + 1;
        continue;
      }
      const parts = tag.split(':');
      if (parts.length < 2 || !/^\s*\d+\s*$/.test(parts[1]!)) {
        throw new AdifSyntaxError(this.lineAt(open), `<${tag.slice(0, 40)}> is not a field (expected <NAME:LENGTH>)`);
      }
      if (!/^[A-Za-z0-9_ ]+$/.test(parts[0]!)) throw new AdifSyntaxError(this.lineAt(open), `"${parts[0]!.slice(0, 40)}" is not a field name`);
      const length = Number(parts[1]);
      if (length > MAX_FIELD_LENGTH) throw new AdifSyntaxError(this.lineAt(open), `field ${name.toUpperCase()} says it is ${length} characters long`);
      const valueEnd = close + 1 + length;
      if (valueEnd > this.buffer.length) {
        if (final) throw new AdifSyntaxError(this.lineAt(open), `the file ends inside field ${name.toUpperCase()} (it says ${length} characters)`);
        this.consume(open);
        at = 0;
        break;
      }
      if (!this.inHeader) {
        const record = (this.record ??= { fields: new Map(), line: this.lineAt(open) });
        record.fields.set(name, this.buffer.slice(close + 1, valueEnd));
      }
      at = valueEnd;
    }
    return records;
  }

  /** Drops what has been read from the buffer, keeping count of its lines. */
  private consume(count: number): void {
    const line = this.lineAt(count);
    this.buffer = this.buffer.slice(count);
    this.cursor = { at: 0, line };
  }

  /** The line of `index` in the buffer; indexes asked for only grow until the next consume. */
  private lineAt(index: number): number {
    let line = this.cursor.line;
    for (let i = this.buffer.indexOf('\n', this.cursor.at); i >= 0 && i < index; i = this.buffer.indexOf('\n', i + 1)) line++;
    this.cursor = { at: index, line };
    return line;
  }
}
