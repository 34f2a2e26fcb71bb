// Rocket.Chat reaction short names → the character shown. A name not listed is shown as its short name.
const GLYPHS: Readonly<Record<string, string>> = {
  ':thumbsup:': '👍',
  ':+1:': '👍',
  ':thumbsdown:': '👎',
  ':-1:': '👎',
  ':heart:': '❤️',
  ':joy:': '😂',
  ':smile:': '😄',
  ':tada:': '🎉',
  ':open_mouth:': '😮',
  ':cry:': '😢',
  ':eyes:': '👀',
  ':rocket:': '🚀',
  ':white_check_mark:': '✅',
  ':pray:': '🙏',
};

/** What the "add a reaction" menu offers. */
export const QUICK_REACTIONS = [':thumbsup:', ':heart:', ':joy:', ':tada:', ':open_mouth:', ':cry:'] as const;

export function emojiGlyph(shortName: string): string {
  return GLYPHS[shortName] ?? shortName;
}
