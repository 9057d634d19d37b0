import { describe, expect, it } from 'vitest';
import { pagerLinks, pagerState } from '../../src/web/pager';

const at = (path: string) => pagerState(`http://itaku.test${path}`);

describe('previous and next over keyset pages', () => {
  it('walks forward three pages and back again to the first, keeping the filters', () => {
    const p1 = at('/alerts?status=open');
    const l1 = pagerLinks(p1, 'c2');
    expect(l1.prev).toBeNull();
    expect(l1.next).toBe('/alerts?status=open&cursor=c2&back=-');
    const l2 = pagerLinks(at(l1.next ?? ''), 'c3');
    expect(l2.prev).toBe('/alerts?status=open');
    expect(l2.next).toBe('/alerts?status=open&cursor=c3&back=-%7Ec2');
    const l3 = pagerLinks(at(l2.next ?? ''), null);
    expect(l3.next).toBeNull();
    expect(l3.prev).toBe('/alerts?status=open&cursor=c2&back=-');
    expect(pagerLinks(at(l3.prev ?? ''), 'c3').prev).toBe('/alerts?status=open');
  });

  it('drops the language from links (the cookie remembers it) and ignores oversized trail entries', () => {
    const s = at(`/findings?lang=en&cursor=c9&back=-~${'x'.repeat(500)}~c8`);
    expect(s.back).toEqual(['-', 'c8']);
    expect(pagerLinks(s, null).prev).toBe('/findings?cursor=c8&back=-');
  });
});
