// Times and durations as the Runs view and the logs show them. (Called for every row and line:
// no locale formatting, which is slow.)

/** 09:05:03 */
export function timeOfDay(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The time of day, with the date too when it is not today. */
export function formatClock(time: number, now = Date.now()): string {
  const date = new Date(time);
  const today = new Date(now);
  const sameDay = date.getDate() === today.getDate() && date.getMonth() === today.getMonth() && date.getFullYear() === today.getFullYear();
  return sameDay ? timeOfDay(date) : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${timeOfDay(date)}`;
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
