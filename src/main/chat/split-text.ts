// A plain message longer than the server's public Message_MaxAllowedSize would be dropped by Rocket.Chat 8
// without a word (an empty answer, no notice), so it is split before it leaves: at a line break or a space
// where one falls in the second half of a part, else hard at the limit (never inside a surrogate pair).

export function splitText(text: string, max: number): string[] {
  if (max <= 0 || text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = Math.max(rest.lastIndexOf('\n', max), rest.lastIndexOf(' ', max));
    if (cut < max / 2) cut = max;
    const code = rest.charCodeAt(cut - 1);
    if (cut === max && code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[ \n]/, '');
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}
