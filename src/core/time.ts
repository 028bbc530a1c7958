// Times and durations as the views and the logs show them. The views follow the user's locale (VS
// Code's display language, set once at activation); the logs keep Prefect's 24-hour lines. A
// formatter is made once per locale: formatting with one is fast, making one is not.

let viewLocale: string | undefined;

/** The locale of every time the views show (`vscode.env.language`); undefined: the runtime's own. */
export function setViewLocale(locale: string | undefined): void {
  viewLocale = locale;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string | undefined, options: "time" | "dateTime"): Intl.DateTimeFormat {
  const id = `${locale ?? ""}|${options}`;
  let made = formatters.get(id);
  if (!made) {
    const style: Intl.DateTimeFormatOptions = options === "time" ? { timeStyle: "medium" } : { dateStyle: "short", timeStyle: "medium" };
    try {
      made = new Intl.DateTimeFormat(locale, style);
    } catch {
      made = new Intl.DateTimeFormat(undefined, style); // a locale tag the runtime does not know
    }
    formatters.set(id, made);
  }
  return made;
}

/** The time of day in the locale (9:05:03 PM, 21:05:03), with the date too when it is not today. */
export function formatClock(time: number, now = Date.now(), locale = viewLocale): string {
  const date = new Date(time);
  const today = new Date(now);
  const sameDay = date.getDate() === today.getDate() && date.getMonth() === today.getMonth() && date.getFullYear() === today.getFullYear();
  return formatter(locale, sameDay ? "time" : "dateTime").format(date);
}

/** The date and time in the locale. */
export function formatDateTime(time: number, locale = viewLocale): string {
  return formatter(locale, "dateTime").format(new Date(time));
}

/** 21:05:03, for log lines. */
export function timeOfDay(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
