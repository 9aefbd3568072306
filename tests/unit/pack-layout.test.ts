/**
 * How the meeting pack's tables are cut into sheets (src/state/pack-layout.ts): word wrapping,
 * characters a line, row heights and the greedy cut, against hand-worked values. A4 body text
 * 8.5 pt: a line 8.5 × 25.4/72 × 1.3 = 3.89819 mm, a character 8.5 × 25.4/72 × 0.58 = 1.73917 mm.
 */
import { describe, expect, it } from 'vitest';
import { columnChars, paragraphHeightMm, rowHeightMm, sheetsByHeight, tableBudgetMm, wrappedLines } from '../../src/state/pack-layout';

const LINE_A4 = (8.5 * 25.4 * 1.3) / 72;

describe('wrappedLines', () => {
  it('wraps at word boundaries and breaks a word longer than a line', () => {
    expect(wrappedLines('a bb ccc', 4)).toBe(2); // "a bb" / "ccc"
    expect(wrappedLines('a bb ccc', 8)).toBe(1);
    expect(wrappedLines('abcdefghij xy', 4)).toBe(4); // "abcd" / "efgh" / "ij" / "xy" ("ij xy" is 5)
    expect(wrappedLines('abcdefghij xy', 5)).toBe(3); // "abcde" / "fghij" / "xy"
    expect(wrappedLines('', 10)).toBe(1);
    expect(wrappedLines('  one   two  ', 7)).toBe(1);
    expect(() => wrappedLines('x', 0)).toThrow('wrappedLines: 0 characters a line is not a whole number ≥ 1');
  });
});

describe('columnChars and row heights', () => {
  it('a column holds its width less 2.4 mm of padding over the character width', () => {
    expect(columnChars(1, 'a4')).toBe(155); // (273 − 2.4) / 1.73917 = 155.6
    expect(columnChars(0.34, 'a4')).toBe(51); // (92.82 − 2.4) / 1.73917 = 51.99
    expect(columnChars(1, 'a3')).toBe(183); // (396 − 2.4) / (10.5 × 25.4/72 × 0.58 = 2.14838) = 183.2
  });

  it('a row is as tall as its tallest cell, paragraphs stacked, plus 1.6 mm', () => {
    const thirtyWords = Array(30).fill('abcd').join(' '); // 10 words a 51-character line: 3 lines
    expect(rowHeightMm([{ paragraphs: ['1'], fraction: 0.03 }, { paragraphs: [thirtyWords], fraction: 0.34 }], 'a4')).toBeCloseTo(3 * LINE_A4 + 1.6, 9);
    // Two paragraphs of one line each in one cell: 2 lines; small print (0.85) counts at its own size.
    expect(rowHeightMm([{ paragraphs: ['Clear', 'Hold'], fraction: 0.34 }], 'a4')).toBeCloseTo(2 * LINE_A4 + 1.6, 9);
    expect(rowHeightMm([{ paragraphs: ['Site', { text: '63 hexagons', scale: 0.85 }], fraction: 0.34 }], 'a4')).toBeCloseTo(1.85 * LINE_A4 + 1.6, 9);
  });

  it('the table budget is the sheet less its heading and footer and what is above the table', () => {
    expect(tableBudgetMm('a4')).toBe(186 - 14);
    expect(tableBudgetMm('a3', 10)).toBe(273 - 16 - 10);
    expect(paragraphHeightMm('short', 'a4')).toBeCloseTo(LINE_A4 + 1.5, 9);
  });
});

describe('sheetsByHeight', () => {
  it('fills each sheet with whole rows while they fit under the header', () => {
    // 5 + 10 + 10 + 10 = 35 ≤ 36; a fourth row would make 45.
    expect(sheetsByHeight([10, 10, 10, 10, 10], 5, 36)).toEqual([[0, 3], [3, 5]]);
    expect(sheetsByHeight([10, 10, 10], 5, 35)).toEqual([[0, 3]]);
    expect(sheetsByHeight([20, 5, 5, 20], 5, 36)).toEqual([[0, 3], [3, 4]]);
  });

  it('puts a row taller than a sheet on a sheet of its own; no rows is one empty sheet', () => {
    expect(sheetsByHeight([10, 50, 10], 5, 36)).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(sheetsByHeight([], 5, 36)).toEqual([[0, 0]]);
  });

  it('refuses a budget with no room under the header and a row without height', () => {
    expect(() => sheetsByHeight([1], 10, 10)).toThrow('sheetsByHeight: a budget of 10 mm leaves no room under a 10 mm header');
    expect(() => sheetsByHeight([1, 0], 1, 10)).toThrow('sheetsByHeight: row 1 has height 0');
  });
});
