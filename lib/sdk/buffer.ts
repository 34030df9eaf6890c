/**
 * What waits to be sent: request records and metric points, each kept as its JSON text (so a batch's size is
 * known exactly before it is built), in arrival order. Two caps, items and bytes; past either, the oldest item of
 * either kind is dropped, so a long outage costs bounded memory and loses the oldest data first.
 */

export type ItemKind = 'requests' | 'points';

export type Entry = { seq: number; json: string; bytes: number };

/** A FIFO queue with O(1) push and shift (an array and a head index, compacted now and then). */
class Queue {
  private items: Entry[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  peek(): Entry | undefined {
    return this.items[this.head];
  }

  push(entry: Entry): void {
    this.items.push(entry);
  }

  shift(): Entry | undefined {
    const entry = this.items[this.head];
    if (!entry) return undefined;
    this.items[this.head++] = undefined as unknown as Entry; // let it be collected
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return entry;
  }
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (JSON.stringify output is well-formed, so this is exact). */
export function utf8Length(text: string): number {
  return typeof Buffer === 'function' ? Buffer.byteLength(text) : encoder.encode(text).length;
}

export type Batch = { kind: ItemKind; entries: Entry[]; bytes: number };

/** `{"requests":[` … `]}`: the bytes a body adds around its items (and one comma between two). */
export function envelopeBytes(kind: ItemKind): number {
  return kind.length + 7;
}

export class ItemBuffer {
  private queues: Record<ItemKind, Queue> = { requests: new Queue(), points: new Queue() };
  private seq = 0;
  private totalBytes = 0;

  constructor(
    private readonly maxItems: number,
    private readonly maxBytes: number,
  ) {}

  get length(): number {
    return this.queues.requests.length + this.queues.points.length;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  countOf(kind: ItemKind): number {
    return this.queues[kind].length;
  }

  /** The sequence number the next item gets: everything below it is already buffered. */
  get nextSeq(): number {
    return this.seq;
  }

  /** Adds one item; returns how many old items the caps pushed out. */
  push(kind: ItemKind, json: string): number {
    const bytes = utf8Length(json);
    this.queues[kind].push({ seq: this.seq++, json, bytes });
    this.totalBytes += bytes;
    let dropped = 0;
    while (this.length > this.maxItems || this.totalBytes > this.maxBytes) {
      this.shiftOldest();
      dropped++;
    }
    return dropped;
  }

  private oldestKind(): ItemKind | undefined {
    const r = this.queues.requests.peek();
    const p = this.queues.points.peek();
    if (!r) return p ? 'points' : undefined;
    return !p || r.seq < p.seq ? 'requests' : 'points';
  }

  private shiftOldest(): void {
    const kind = this.oldestKind();
    const entry = kind && this.queues[kind].shift();
    if (entry) this.totalBytes -= entry.bytes;
  }

  /** The seq of the oldest item still buffered, or Infinity. */
  oldestSeq(): number {
    const kind = this.oldestKind();
    return kind ? this.queues[kind].peek()!.seq : Infinity;
  }

  /** Takes the next batch: the kind whose oldest item is oldest, as many items as fit both limits. */
  take(maxItems: number, maxBodyBytes: number): Batch | undefined {
    const kind = this.oldestKind();
    if (!kind) return undefined;
    const queue = this.queues[kind];
    const entries: Entry[] = [];
    let bytes = envelopeBytes(kind) - 1;
    for (let next = queue.peek(); next && entries.length < maxItems; next = queue.peek()) {
      // Always take one: a single item is far below the body limit (validation bounds every field).
      if (entries.length > 0 && bytes + next.bytes + 1 > maxBodyBytes) break;
      entries.push(queue.shift()!);
      bytes += next.bytes + 1;
      this.totalBytes -= next.bytes;
    }
    return { kind, entries, bytes };
  }

  /** Empties the buffer; returns how many items it held. */
  clear(): number {
    const n = this.length;
    this.queues.requests = new Queue();
    this.queues.points = new Queue();
    this.totalBytes = 0;
    return n;
  }
}

export function batchBody(batch: Batch): string {
  return `{"${batch.kind}":[${batch.entries.map((e) => e.json).join(',')}]}`;
}
