import { area } from '../area';

/** What the law asks of a leak beyond its deadlines, on the incident's pages. */
export const incidentsLawArea = area({ 'il.title': 'Leak details' }, { 'il.title': '漏えい等の詳細' });
