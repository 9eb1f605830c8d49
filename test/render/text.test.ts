import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/render/csv.js';
import { markdownCell } from '../../src/render/markdown.js';
import { cellText, neutraliseFormula, plainText } from '../../src/render/text.js';

describe('neutraliseFormula', () => {
  it.each(['=1+1', '+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x")', '=', '-'])('puts a quote before %j', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(['', 'Anna King', 'a=b', 'x+1', "O'Brien", ' =1', '1-2', 'email@example.com', "'=already"])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });
});

describe('csvField', () => {
  it('writes null as empty, booleans as true/false and numbers as they are', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
    expect(csvField(0)).toBe('0');
    expect(csvField(-2)).toBe('-2'); // a number, not text a spreadsheet could run
    expect(csvField(328.9)).toBe('328.9');
  });

  it('writes plain text bare', () => {
    expect(csvField('Anna King')).toBe('Anna King');
    expect(csvField('')).toBe('');
  });

  it('quotes text holding a comma, quote, CR or LF, doubling quotes (RFC 4180)', () => {
    expect(csvField('Barnet, Enfield and Haringey')).toBe('"Barnet, Enfield and Haringey"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvField('"')).toBe('""""');
  });

  it('neutralises formula-like text, then quotes it when needed', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('-1,2')).toBe(`"'-1,2"`);
  });
});

describe('plainText', () => {
  it('returns text without control characters unchanged', () => {
    expect(plainText('Nia O\'Brien | é 😀')).toBe('Nia O\'Brien | é 😀');
  });

  it('strips CSI sequences whole: colours, cursor moves, screen clears', () => {
    expect(plainText('\u001b[31mEvil\u001b[0m')).toBe('Evil');
    expect(plainText('a\u001b[2Jb\u001b[1;1Hc\u001b[?25ld')).toBe('abcd');
    expect(plainText('\u001b[38;2;255;0;0mred')).toBe('red');
  });

  it('strips OSC sequences whole, ended by BEL or by ST', () => {
    expect(plainText('a\u001b]0;window title\u0007b')).toBe('ab');
    expect(plainText('a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b')).toBe('alinkb');
  });

  it('strips other escapes and C0/C1 control characters, and DEL', () => {
    // ESC c (reset) and ESC 7 (save cursor) lose their ESC: what is left is inert text.
    expect(plainText('a\u001bcb\u001b7')).toBe('acb7');
    expect(plainText('a\u001bMb\u001b\\c')).toBe('abc'); // ESC M (reverse index), ESC \ (string terminator)
    expect(plainText('a\u0007b\u0000c\u0008d\u007fe')).toBe('abcde');
    expect(plainText('a\u009bb\u0085c')).toBe('abc');
  });

  it('turns line breaks and tabs into one space', () => {
    expect(plainText('one\ntwo')).toBe('one two');
    expect(plainText('one\r\ntwo\tthree')).toBe('one two three');
    expect(plainText('one\n\n\ttwo')).toBe('one two');
  });

  it('leaves nothing a terminal would act on, whatever the mix', () => {
    const nasty = 'x\u001b[2J\u001b]0;t\u0007\u001bP1$r\u001b\\\u009b31m\u0000\u001b';
    expect(plainText(nasty)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('cellText', () => {
  it('shows null as empty, booleans as yes/no, numbers as written, text as plain text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('yes');
    expect(cellText(false)).toBe('no');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText('\u001b[31mEvil\u001b[0m\nOfficer')).toBe('Evil Officer');
  });
});

describe('markdownCell', () => {
  it('escapes pipes and backslashes, and neutralises formulas', () => {
    expect(markdownCell('Team | Pipe')).toBe('Team \\| Pipe');
    expect(markdownCell('a\\|b')).toBe('a\\\\\\|b');
    expect(markdownCell('=1+1')).toBe("'=1+1");
    expect(markdownCell('plain')).toBe('plain');
  });
});

describe('hostile text (issue 15): bidi controls, zero-width characters, markdown syntax, CSV controls', () => {
  it('plainText drops bidi embeddings, overrides and isolates and zero-width characters', () => {
    expect(plainText('X\u202E123\u202C')).toBe('X123');
    expect(plainText('\u2067N07A190\u2069')).toBe('N07A190');
    expect(plainText('N07\u200BA1\u200D90\uFEFF\u2060')).toBe('N07A190');
    expect(plainText('Zoë Ng')).toBe('Zoë Ng');
  });

  it('markdown escapes the brackets of links and images and the < of HTML and autolinks', () => {
    expect(markdownCell('[x](https://evil.example)')).toBe('\\[x\\](https://evil.example)');
    expect(markdownCell('![img](https://evil.example/a.png)')).toBe('!\\[img\\](https://evil.example/a.png)');
    expect(markdownCell('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)>');
    expect(markdownCell('<https://evil.example>')).toBe('\\<https://evil.example>');
  });

  it('csvField drops escape sequences, control characters and bidi controls, and keeps tabs and line breaks quoted', () => {
    expect(csvField('a\u001b[31mred\u001b[0m')).toBe('ared');
    expect(csvField('\u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007')).toBe('link');
    expect(csvField('bell\u0007\u0000')).toBe('bell');
    expect(csvField('X\u202E321')).toBe('X321');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('\tcmd')).toBe("'\tcmd");
  });
});
