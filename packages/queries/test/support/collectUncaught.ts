/** Records uncaught exceptions and unhandled rejections until stopped (a driver bug would surface there). */
export function collectUncaught() {
  const errors: unknown[] = [];
  const record = (e: unknown) => errors.push(e);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  return {
    errors,
    stop() {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
    },
  };
}
