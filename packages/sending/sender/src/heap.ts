/** A binary min-heap of (time, id) pairs: the memory store's due-delivery queue. */
export class DueHeap {
  private readonly times: number[] = [];
  private readonly ids: string[] = [];

  get size(): number {
    return this.times.length;
  }

  push(time: number, id: string): void {
    this.times.push(time);
    this.ids.push(id);
    this.up(this.times.length - 1);
  }

  peekTime(): number | undefined {
    return this.times[0];
  }

  pop(): { time: number; id: string } | undefined {
    if (this.times.length === 0) return undefined;
    const top = { time: this.times[0]!, id: this.ids[0]! };
    const lastTime = this.times.pop()!;
    const lastId = this.ids.pop()!;
    if (this.times.length > 0) {
      this.times[0] = lastTime;
      this.ids[0] = lastId;
      this.down(0);
    }
    return top;
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.times[parent]! <= this.times[i]!) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    const n = this.times.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < n && this.times[left]! < this.times[smallest]!) smallest = left;
      if (right < n && this.times[right]! < this.times[smallest]!) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.times[a], this.times[b]] = [this.times[b]!, this.times[a]!];
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
  }
}
