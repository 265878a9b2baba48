/**
 * The changes the live check has heard of and not yet re-checked, per planner table, in the
 * table's current row positions. Office-free: the listener (live-check.ts) turns each
 * onChanged event into `note(...)`; a re-check `take()`s everything at once, so a paste of
 * 500 rows — one event, or many — is one re-check.
 *
 * Row inserts and deletes are kept in order (the engine replays them); edited positions are
 * kept as a set, shifted by later inserts and deletes so that they always name the rows as
 * they are now. Anything else (columns inserted or deleted, cells shifted, an unknown change,
 * the header row) marks the table for a whole re-read.
 */
export type ChangeKind = "edit" | "insert" | "delete" | "other";

export interface StructuralChange {
  kind: "insert" | "delete";
  /** 0-based body position, as the table was just before this change. */
  start: number;
  count: number;
}

export interface TableChanges {
  structure: StructuralChange[];
  /** Body positions to read again, ascending, as the table is after every change. */
  dirty: number[];
  /** Rows added minus rows deleted. */
  delta: number;
  /** Something the rows cannot say: read the whole table again. */
  whole: boolean;
}

interface Pending {
  structure: StructuralChange[];
  dirty: Set<number>;
  delta: number;
  whole: boolean;
}

/** Contiguous runs of ascending positions: [start, count] pairs. */
export function runs(positions: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of positions) {
    const last = out[out.length - 1];
    if (last && last[0] + last[1] === p) last[1]++;
    else out.push([p, 1]);
  }
  return out;
}

export class ChangeQueue {
  private pending = new Map<string, Pending>();
  private remoteOnly = true;
  private heard = false;

  /** Nothing heard since the last take(). */
  get empty(): boolean {
    return !this.heard;
  }

  /**
   * One change to a table's body: `start` is the 0-based body position of the first row it
   * touched (negative for the header row), `count` the rows it spans.
   */
  note(table: string, kind: ChangeKind, start: number, count: number, remote: boolean): void {
    this.heard = true;
    if (!remote) this.remoteOnly = false;
    let p = this.pending.get(table);
    if (!p) {
      p = { structure: [], dirty: new Set(), delta: 0, whole: false };
      this.pending.set(table, p);
    }
    if (p.whole) return;
    if (
      kind === "other" ||
      start < 0 ||
      count < 1 ||
      !Number.isInteger(start) ||
      !Number.isInteger(count)
    ) {
      p.whole = true;
      return;
    }
    if (kind === "edit") {
      for (let i = 0; i < count; i++) p.dirty.add(start + i);
      return;
    }
    const moved = new Set<number>();
    for (const d of p.dirty) {
      if (d < start) moved.add(d);
      else if (kind === "insert") moved.add(d + count);
      else if (d >= start + count) moved.add(d - count);
    }
    if (kind === "insert") for (let i = 0; i < count; i++) moved.add(start + i);
    p.dirty = moved;
    p.structure.push({ kind, start, count });
    p.delta += kind === "insert" ? count : -count;
  }

  /** Marks a table for a whole re-read (for example after its shape changed). */
  whole(table: string): void {
    this.heard = true;
    this.remoteOnly = false;
    const p = this.pending.get(table);
    if (p) p.whole = true;
    else this.pending.set(table, { structure: [], dirty: new Set(), delta: 0, whole: true });
  }

  /** Everything heard, and whether all of it came from co-authors; the queue is then empty. */
  take(): { tables: Map<string, TableChanges>; remoteOnly: boolean } {
    const tables = new Map<string, TableChanges>();
    for (const [name, p] of this.pending) {
      tables.set(name, {
        structure: p.structure,
        dirty: [...p.dirty].sort((a, b) => a - b),
        delta: p.delta,
        whole: p.whole,
      });
    }
    const remoteOnly = this.remoteOnly && this.heard;
    this.pending = new Map();
    this.remoteOnly = true;
    this.heard = false;
    return { tables, remoteOnly };
  }
}
