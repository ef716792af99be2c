import { binOf, histogram, populationStabilityIndex, PSI_FLOOR, quantileEdges } from './population-stability';

describe('population stability', () => {
  it('cuts equal-frequency bins at the linearly interpolated quantiles', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];

    // Quantiles of 1..10 at 0.25, 0.5, 0.75: positions 2.25, 4.5, 6.75 -> 3.25, 5.5, 7.75.
    expect(quantileEdges(values, 4)).toEqual([3.25, 5.5, 7.75]);
    expect(histogram(quantileEdges(values, 4), values)).toEqual([3, 2, 2, 3]);
  });

  it('gives a feature with few distinct values fewer bins, with each value in its own', () => {
    const flags = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];

    const edges = quantileEdges(flags, 10);

    expect(edges[0]).toBe(0);
    expect(edges[edges.length - 1]).toBe(1);
    expect(histogram(edges, flags)[0]).toBe(7);
    expect(histogram(edges, flags)[edges.length]).toBe(0);
    expect(histogram(edges, flags).reduce((a, b) => a + b)).toBe(10);
  });

  it('puts a value on an edge in the bin below it, and beyond the last edge in the open last bin', () => {
    expect(binOf([1, 2, 3], 1)).toBe(0);
    expect(binOf([1, 2, 3], 1.5)).toBe(1);
    expect(binOf([1, 2, 3], 3)).toBe(2);
    expect(binOf([1, 2, 3], 99)).toBe(3);
    expect(binOf([1, 2, 3], -99)).toBe(0);
    expect(histogram([1], [null, Number.NaN, 0, 5])).toEqual([1, 1]);
  });

  it('computes the index by its definition', () => {
    // (0.8 - 0.5) ln(0.8 / 0.5) + (0.2 - 0.5) ln(0.2 / 0.5) = 0.3 ln 1.6 + 0.3 ln 2.5
    expect(populationStabilityIndex([50, 50], [80, 20])).toBeCloseTo(0.3 * Math.log(1.6) + 0.3 * Math.log(2.5), 12);
    expect(populationStabilityIndex([50, 50], [80, 20])).toBeCloseTo(0.41589, 5);
    expect(populationStabilityIndex([10, 20, 30], [20, 40, 60])).toBe(0);
  });

  it('floors empty bins instead of answering infinity', () => {
    const psi = populationStabilityIndex([100, 0], [50, 50]);

    expect(psi).toBeCloseTo((0.5 - 1) * Math.log(0.5 / 1) + (0.5 - PSI_FLOOR) * Math.log(0.5 / PSI_FLOOR), 12);
    expect(Number.isFinite(psi)).toBe(true);
  });
});
