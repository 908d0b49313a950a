"""A small text progress bar for management commands."""


class ProgressBar:
    def __init__(self, stdout, total, label, width=30):
        # Write to the real stream: a command called from another (load_demo) gets nested
        # OutputWrappers, and the outer one would end every "\r" redraw with a newline.
        while hasattr(stdout, "_out"):
            stdout = stdout._out
        self.stdout = stdout
        self.total = max(total, 0)
        self.label = label
        self.width = width
        self.done = 0
        self._last_drawn = None
        self.draw()

    def tick(self, count=1):
        self.done += count
        self.draw()

    def draw(self):
        total = self.total or 1
        filled = min(self.width, self.width * self.done // total)
        if filled == self._last_drawn and self.done < self.total:
            return
        self._last_drawn = filled
        bar = "#" * filled + "-" * (self.width - filled)
        self.stdout.write(f"\r{self.label} [{bar}] {self.done}/{self.total}")
        self.stdout.flush()

    def finish(self):
        if self.done < self.total:
            self.done = self.total
            self.draw()
        self.stdout.write("\n")
