/**
 * The Orders Trigger reads the time only through here, so tests can move it (e.g. past a 30-minute redelivery
 * window) without waiting or faking timers that the HTTP stack relies on.
 */
export const triggerClock = {
	now: (): number => Date.now(),
};
