import { looseKey } from "./cells";
import type { Committee } from "./types";

/**
 * Key for committee names: case, spacing and "Committee on X" / "X Committee" order ignored,
 * so "Committee on Digital Government", "digital government committee" and
 * "Digital  Government" all meet.
 */
export function committeeKey(text: string): string {
  let k = looseKey(text).replace(/&/g, " and ").replace(/\s+/g, " ").trim();
  k = k.replace(/^the /, "");
  k = k.replace(/^committee (on|for|of) /, "").replace(/ committee$/, "");
  return k.replace(/\s+/g, "");
}

/** Resolves code, English name, Khmer name or alias to the committee's code. */
export class CommitteeIndex {
  private readonly byKey = new Map<string, string>();

  constructor(readonly committees: readonly Committee[]) {
    for (const c of committees) {
      for (const name of [c.code, c.name, c.nameKm, ...c.aliases]) {
        const key = committeeKey(name);
        if (key && !this.byKey.has(key)) this.byKey.set(key, c.code);
      }
    }
  }

  /** The committee's code, or null when the text names no committee. */
  resolve(text: string): string | null {
    const key = committeeKey(text);
    return key ? (this.byKey.get(key) ?? null) : null;
  }
}

/**
 * The committees a measure names, lead first then the others, each once, as `resolve` keys
 * them (a code, or a lower-cased key); names that resolve to no committee are left out. The one
 * reading of "which committees does this measure concern" for counts, briefing blocks and the
 * pane's committee filter.
 */
export function measureCommitteeCodes(
  lead: string,
  others: readonly string[],
  resolve: (text: string) => string | null
): string[] {
  const codes: string[] = [];
  const first = resolve(lead);
  if (first) codes.push(first);
  for (const name of others) {
    const code = resolve(name);
    if (code && !codes.includes(code)) codes.push(code);
  }
  return codes;
}
