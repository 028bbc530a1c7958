// Time left until a deadline, ticking once a second.

/** Calls `onTick` now and every second with the milliseconds left, then `onExpired` once at zero. Returns a stop function. */
export function startCountdown(deadline: number, onTick: (msLeft: number) => void, onExpired: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    const left = deadline - Date.now();
    if (left <= 0) {
      onTick(0);
      onExpired();
      return;
    }
    onTick(left);
    // Wake up on the next whole second of the remaining time, so the display never skips a second.
    timer = setTimeout(tick, left % 1000 || 1000);
  };
  tick();
  return () => clearTimeout(timer);
}

/** 3725000 -> "1:02:05", 65000 -> "1:05". Rounds up, so "0:00" only shows at the deadline. */
export function formatTimeLeft(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}
