import { area } from '../area';

/** Records of provision abroad on consent (第三者提供記録). */
export const provisionArea = area({ 'prov.title': 'Provision records' }, { 'prov.title': '第三者提供記録' });
