import { describe, expect, it } from '@jest/globals';
import { LocalAllowances, type Grant } from './local-allowances.js';

const granted = (granted: number, countedHits: number, msToExpire = 60_000): Grant => ({
  countedHits,
  msToExpire,
  isBlocked: false,
  msToBlockExpire: 0,
  granted,
});

function setup() {
  const clock = { now: 1_000_000 };
  return { clock, allowances: new LocalAllowances(() => clock.now) };
}

describe('LocalAllowances', () => {
  it('knows nothing about a key until Redis answered for it', () => {
    const { allowances } = setup();
    expect(allowances.take('default:ip:1')).toBeUndefined();
    expect(allowances.leaseToAsk('default:ip:1', 50)).toBe(1);
  });

  it('spends a lease hit by hit, reporting the hits counted so far, then asks again', () => {
    const { allowances } = setup();
    // Another instance had counted 10 hits; this one was granted 4 (11–14).
    expect(allowances.record('k', granted(4, 14), 50)).toMatchObject({ totalHits: 11, isBlocked: false });
    expect(allowances.take('k')).toMatchObject({ totalHits: 12 });
    expect(allowances.take('k')).toMatchObject({ totalHits: 13 });
    expect(allowances.take('k')).toMatchObject({ totalHits: 14, msToExpire: 60_000 });
    expect(allowances.take('k')).toBeUndefined();
  });

  it('doubles the lease while a key uses its leases up, up to the largest allowed', () => {
    const { allowances } = setup();
    const sizes: number[] = [];
    let counted = 0;
    for (let refill = 0; refill < 8; refill += 1) {
      const size = allowances.leaseToAsk('k', 20);
      sizes.push(size);
      counted += size;
      allowances.record('k', granted(size, counted), 20);
      while (allowances.take('k')) {
        // spend the lease
      }
    }
    expect(sizes).toEqual([1, 2, 4, 8, 16, 20, 20, 20]);
  });

  it('halves the lease when one outlived its window unspent', () => {
    const { allowances, clock } = setup();
    allowances.record('k', granted(1, 1), 64);
    allowances.record('k', granted(2, 3), 64);
    allowances.take('k');
    allowances.record('k', granted(4, 7), 64);
    expect(allowances.leaseToAsk('k', 64)).toBe(8);
    clock.now += 60_000; // the window ends with 3 hits of the lease unspent
    expect(allowances.take('k')).toBeUndefined();
    allowances.record('k', granted(1, 1), 64);
    expect(allowances.leaseToAsk('k', 64)).toBe(4);
  });

  it('drops what is left of a lease when its window ends', () => {
    const { allowances, clock } = setup();
    allowances.record('k', granted(5, 5, 1_000), 50);
    clock.now += 1_000;
    expect(allowances.take('k')).toBeUndefined();
    expect(allowances.record('k', granted(1, 1), 50)).toMatchObject({ totalHits: 1 });
    expect(allowances.take('k')).toBeUndefined();
  });

  it('refuses locally while a block Redis reported lasts, then asks Redis again', () => {
    const { allowances, clock } = setup();
    const blocked = allowances.record(
      'k',
      { countedHits: 6, msToExpire: 30_000, isBlocked: true, msToBlockExpire: 30_000, granted: 0 },
      50,
    );
    expect(blocked).toMatchObject({ isBlocked: true, totalHits: 6, msToBlockExpire: 30_000 });
    clock.now += 29_000;
    expect(allowances.take('k')).toEqual({ totalHits: 6, msToExpire: 1_000, isBlocked: true, msToBlockExpire: 1_000 });
    clock.now += 1_000;
    expect(allowances.take('k')).toBeUndefined();
    expect(allowances.leaseToAsk('k', 50)).toBe(1);
  });
});
