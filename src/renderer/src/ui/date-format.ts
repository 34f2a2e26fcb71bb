// Intl formatters are costly to build (the first one loads locale data): one per language and style, reused.
const cache = new Map<string, Intl.DateTimeFormat>();

const STYLES = {
  time: { hour: '2-digit', minute: '2-digit' },
  day: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  date: { dateStyle: 'medium' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

export function formatDate(language: string, style: DateStyle, value: number | Date): string {
  const key = `${language}|${style}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, STYLES[style]);
    cache.set(key, format);
  }
  return format.format(value);
}
