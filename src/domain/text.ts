// Text the hub takes in, by any door (a GraphQL argument, an export's parameter, a file's row,
// a submission), and stores or looks up. One rule: no NUL character (U+0000). PostgreSQL's
// text cannot hold one (the statement fails: "invalid byte sequence for encoding UTF8: 0x00"),
// SQLite can; refusing it everywhere keeps the two stores alike, and no code, period or note
// has a use for one. Other control characters are text both stores hold: they are taken.

export const NUL = '\u0000';

export const holdsNul = (text: string): boolean => text.includes(NUL);

/**
 * The text with each NUL replaced by U+FFFD (the replacement character): a rejected line kept
 * as it was read, less what no store can hold.
 */
export const withoutNul = (text: string): string => (text.includes(NUL) ? text.split(NUL).join('\ufffd') : text);
