import { area } from '../area';

/** What the law asks of contractors abroad and of re-consignment, on the contractor's pages. */
export const contractorsLawArea = area({ 'cl.title': 'Abroad and re-consignment' }, { 'cl.title': '外国移転・再委託' });
