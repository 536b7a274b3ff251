/** A one-line progress bar on a terminal; silent when output is piped or JSON is asked for. */
export function createProgress(label: string, enabled = process.stderr.isTTY === true) {
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!enabled || total === 0) return;
      const percent = Math.floor((done / total) * 100);
      if (percent === last) return;
      last = percent;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`,
      );
    },
    done() {
      if (enabled && last >= 0) process.stderr.write('\n');
    },
  };
}
