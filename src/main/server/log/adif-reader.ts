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
const MAX_FIELD_LENGTH = 100_000;
/** No record of a log has this many fields. */
const MAX_FIELDS_PER_RECORD = 500;
/** A field name as ADIF allows it: anything but these, and not empty. */
const FIELD_NAME = /^[^,:<>{}]+$/;

/**
 * Where a field's value ends. ADIF counts its length in characters, but some programs count the
 * bytes of UTF-8 text: when the two differ, the reading that is followed by another tag, a space
 * or the end is the right one (the other would swallow a tag, or leave part of the value behind).
 */
function valueEndOf(buffer: string, start: number, length: number): number {
  const byChars = start + length;
  let bytes = 0;
  let byBytes = -1;
  for (let i = start; i < byChars && i < buffer.length; i++) {
    if (bytes === length) {
      byBytes = i;
      break;
    }
    const code = buffer.codePointAt(i)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (code >= 0x10000) i++;
  }
  if (byBytes < 0 && bytes === length) byBytes = Math.min(byChars, buffer.length);
  if (byBytes < 0 || byBytes === byChars) return byChars;
  const endsWell = (at: number) => at >= buffer.length || buffer[at] === '<' || /\s/.test(buffer[at]!);
  return endsWell(byChars) && !buffer.slice(start, byChars).includes('<') ? byChars : endsWell(byBytes) ? byBytes : byChars;
}

export class AdifReader {
  private buffer = '';
  /** A place in `buffer` whose line is known: lines are counted once, moving forward only. */
  private cursor = { at: 0, line: 1 };
  private inHeader: boolean | null = null;
  private record: AdifRecord | null = null;
  private ended = false;
  /** A field was seen (in a header that may never end). */
  private sawTag = false;

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
    if (this.inHeader && this.sawTag) throw new AdifSyntaxError(this.cursor.line, 'the header never ends: there is no <EOH>, so no record could be read');
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
      // In the header, anything that is not a tag is text ("Exported by MyLog <v1.2>").
      if (this.inHeader && close >= 0 && !/^(eoh|[^,:<>{}]+:\s*\d+(:[^>]*)?)$/i.test(this.buffer.slice(open + 1, close).trim())) {
        at = open + 1;
        continue;
      }
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
      this.sawTag = true;
      const parts = tag.split(':');
      if (parts.length < 2 || !/^\s*\d+\s*$/.test(parts[1]!)) {
        throw new AdifSyntaxError(this.lineAt(open), `<${tag.slice(0, 40)}> is not a field (expected <NAME:LENGTH>)`);
      }
      if (!FIELD_NAME.test(parts[0]!.trim())) throw new AdifSyntaxError(this.lineAt(open), `"${parts[0]!.slice(0, 40)}" is not a field name`);
      const length = Number(parts[1]);
      if (length > MAX_FIELD_LENGTH) throw new AdifSyntaxError(this.lineAt(open), `field ${name.toUpperCase()} says it is ${length} characters long`);
      // One character past the value decides between a length in characters and one in bytes.
      if (close + 1 + length >= this.buffer.length && !final) {
        this.consume(open);
        at = 0;
        break;
      }
      if (close + 1 + length > this.buffer.length) throw new AdifSyntaxError(this.lineAt(open), `the file ends inside field ${name.toUpperCase()} (it says ${length} characters)`);
      const valueEnd = valueEndOf(this.buffer, close + 1, length);
      if (!this.inHeader) {
        const record = (this.record ??= { fields: new Map(), line: this.lineAt(open) });
        if (record.fields.size >= MAX_FIELDS_PER_RECORD) throw new AdifSyntaxError(record.line, `a record has more than ${MAX_FIELDS_PER_RECORD} fields (is an <EOR> missing?)`);
        record.fields.set(name, this.buffer.slice(close + 1, valueEnd));
      }
      at = valueEnd;
    }
    return records;
  }

  /** Drops what has been read from the buffer, keeping count of its lines. */
  private consume(count: number): void {
    // A CR at the very end may be half of a CR LF: it waits for the next piece to be counted.
    if (count > 0 && count === this.buffer.length && this.buffer.charCodeAt(count - 1) === 13) count--;
    const line = this.lineAt(count);
    this.buffer = this.buffer.slice(count);
    this.cursor = { at: 0, line };
  }

  /** The line of `index` in the buffer (LF, CR LF or a lone CR ends one); indexes asked for only grow until the next consume. */
  private lineAt(index: number): number {
    let line = this.cursor.line;
    for (let i = this.cursor.at; i < index; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c === 10 || (c === 13 && this.buffer.charCodeAt(i + 1) !== 10)) line++;
    }
    this.cursor = { at: index, line };
    return line;
  }
}
