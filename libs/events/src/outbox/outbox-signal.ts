import { Injectable } from '@nestjs/common';

/** Tells this process's dispatcher that events were just appended, so it need not wait for its next poll. */
@Injectable()
export class OutboxSignal {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  appended(): void {
    for (const listener of this.listeners) listener();
  }
}
