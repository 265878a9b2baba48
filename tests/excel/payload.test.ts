import fc from "fast-check";
import { needsTextPrefix, toOfficeValue } from "../../src/excel/office-values";
import {
  Batcher,
  OP_OVERHEAD,
  jsonBytes,
  splitRowsByBytes,
  utf8Bytes,
} from "../../src/excel/payload";
import { SheetModel } from "./recording-context";

describe("the chunking rule", () => {
  test("utf8Bytes counts Khmer as three bytes a character and emoji as four", () => {
    expect(utf8Bytes("abc")).toBe(3);
    expect(utf8Bytes("ក")).toBe(3);
    expect(utf8Bytes("😀")).toBe(4);
    expect(utf8Bytes("é")).toBe(2);
    expect(jsonBytes([["ក", 1]])).toBe(Buffer.byteLength(JSON.stringify([["ក", 1]])));
  });

  test("splitRowsByBytes: blocks in order, each within the budget, each as full as it can be", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant("ការកសាងរដ្ឋាភិបាលឌីជីថល")), {
            minLength: 1,
            maxLength: 5,
          }),
          { maxLength: 200 }
        ),
        fc.integer({ min: 20, max: 2000 }),
        (rows, budget) => {
          const blocks = splitRowsByBytes(rows, budget);
          expect(blocks.flatMap((b) => b.rows)).toEqual(rows);
          let start = 0;
          for (const [i, b] of blocks.entries()) {
            expect(b.start).toBe(start);
            start += b.rows.length;
            expect(b.bytes).toBe(jsonBytes(b.rows));
            if (b.rows.length > 1) expect(b.bytes).toBeLessThanOrEqual(budget);
            const next = blocks[i + 1];
            if (next) expect(b.bytes + jsonBytes(next.rows[0]) + 1).toBeGreaterThan(budget);
          }
        }
      )
    );
  });

  test("Batcher syncs exactly when the next operation would pass the budget", async () => {
    const synced: number[] = [];
    let queued = 0;
    const batch = new Batcher(async () => {
      synced.push(queued);
      queued = 0;
    }, 10_000);
    for (let i = 0; i < 100; i++) {
      await batch.add(900);
      queued += 900 + OP_OVERHEAD;
      expect(batch.queued).toBeLessThanOrEqual(10_000);
    }
    await batch.flush();
    // 9 operations of 1 156 bytes (plus one envelope) fit in 10 000 bytes: ceil(100 / 8) syncs
    expect(batch.syncs).toBe(
      Math.ceil(100 / Math.floor((10_000 - OP_OVERHEAD) / (900 + OP_OVERHEAD)))
    );
    expect(synced.every((b) => b <= 10_000)).toBe(true);
  });
});

describe("text that Excel would parse is written with its text prefix", () => {
  const roundTrip = (s: string) => {
    const sheet = new SheetModel("t");
    sheet.write(0, 0, toOfficeValue(s), false);
    return sheet.get(0, 0);
  };
  test.each([
    "1",
    "001",
    "12.5",
    "-3",
    "+3",
    "=SUM(A1)",
    "-x",
    "50%",
    "TRUE",
    "false",
    " 2025 ",
    "1/2",
    "2021-05-01",
    "'quoted",
    "#N/A",
    "12:30",
    "Jan 2021",
    "1-Jan",
    "March 5, 2024",
  ])("%j", (s) => {
    expect(needsTextPrefix(s)).toBe(true);
    expect(roundTrip(s)).toBe(s);
  });
  test.each([
    "Short-term",
    "DGC",
    "I.A",
    "Ministry of Post and Telecommunications",
    "គណៈកម្មាធិការរដ្ឋាភិបាលឌីជីថល",
    "Measure 12",
    "",
  ])("%j stays as it is", (s) => {
    expect(needsTextPrefix(s)).toBe(false);
    expect(toOfficeValue(s)).toBe(s);
  });
  test("numbers, booleans, blanks and dates", () => {
    expect(toOfficeValue(2025)).toBe(2025);
    expect(toOfficeValue(true)).toBe(true);
    expect(toOfficeValue(null)).toBe("");
    expect(toOfficeValue(Number.NaN)).toBe("");
    expect(toOfficeValue(new Date(Date.UTC(2021, 0, 1)))).toBe(44197);
  });
});
