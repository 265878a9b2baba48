/**
 * Payload sizes and the chunking rule of the Office host.
 *
 * Excel on the web refuses a request or a response over 5 MB (RequestPayloadSizeLimitExceeded,
 * ResponsePayloadSizeLimitExceeded). The host estimates what it queues and keeps each sync
 * under PAYLOAD_BUDGET (4 MiB), leaving room for the envelope Office adds. THE RULE:
 *
 *  - Every queued write counts the UTF-8 length of the JSON of its values (`jsonBytes`) plus
 *    OP_OVERHEAD bytes (object path and action envelope).
 *  - A value matrix is cut into row blocks of at most BLOCK_BUDGET bytes (`splitRowsByBytes`).
 *  - Writes are packed greedily into syncs: before an operation is queued, if the bytes already
 *    queued plus its own would pass PAYLOAD_BUDGET, the queue is synced first (`Batcher`).
 *  - Reads (responses) use the same budget: the first read of a table takes at most
 *    WINDOW_ROWS rows; the rest is read in blocks sized from the bytes per row seen so far
 *    (1.5 times the average, for safety), and a block Excel still refuses is halved and retried.
 *
 * So an operation syncs a fixed number of times for every workbook whose data fit in one
 * payload (up to about WINDOW_ROWS measures, and writes up to 4 MiB), and
 * `fixed + ceil(bytes / budget)`-ish for bigger ones, each sync under 5 MB.
 */

/** Estimated bytes queued (or loaded) per sync, below Excel on the web's 5 MB limit. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;
/** Estimated envelope of one queued operation (object path, action, property name). */
export const OP_OVERHEAD = 256;
/** Largest value block one operation carries. */
export const BLOCK_BUDGET = PAYLOAD_BUDGET - 4 * OP_OVERHEAD;
/** Rows of each table read in the first sync, with its structure. */
export const WINDOW_ROWS = 2000;

/** UTF-8 length of a string. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes of a value as JSON on the wire (UTF-8). */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? "null");
}

/**
 * Cuts rows into consecutive blocks whose JSON stays within `budget` bytes each (a row
 * larger than the budget on its own becomes a block of one row).
 */
export function splitRowsByBytes<T>(
  rows: T[][],
  budget = BLOCK_BUDGET
): Array<{ start: number; rows: T[][]; bytes: number }> {
  const blocks: Array<{ start: number; rows: T[][]; bytes: number }> = [];
  let start = 0;
  // "[" + "]" and a comma between rows: 1 + sum(row + 1)
  let bytes = 1;
  for (let i = 0; i < rows.length; i++) {
    const b = jsonBytes(rows[i]) + 1; // the comma
    if (i > start && bytes + b > budget) {
      blocks.push({ start, rows: rows.slice(start, i), bytes });
      start = i;
      bytes = 1;
    }
    bytes += b;
  }
  if (rows.length > start) blocks.push({ start, rows: rows.slice(start), bytes });
  return blocks;
}

/**
 * Packs queued operations into syncs under the budget. Call `add(bytes)` right before queueing
 * an operation: it syncs first when the operation would not fit. `flush()` syncs what is left.
 */
export class Batcher {
  private pending = 0;
  /** Syncs this batcher has made. */
  syncs = 0;

  constructor(
    private readonly sync: () => Promise<void>,
    private readonly budget = PAYLOAD_BUDGET,
    /** Queued at the start of every batch (for example suspendApiCalculationUntilNextSync). */
    private readonly onBatchStart?: () => void,
    private readonly onSynced?: (syncs: number) => void
  ) {}

  /** Bytes queued and not yet synced. */
  get queued(): number {
    return this.pending;
  }

  async add(bytes: number): Promise<void> {
    const b = bytes + OP_OVERHEAD;
    if (this.pending > 0 && this.pending + b > this.budget) await this.flush();
    if (this.pending === 0) {
      this.pending = OP_OVERHEAD;
      this.onBatchStart?.();
    }
    this.pending += b;
  }

  async flush(): Promise<void> {
    if (this.pending === 0) return;
    await this.sync();
    this.pending = 0;
    this.syncs++;
    this.onSynced?.(this.syncs);
  }
}
