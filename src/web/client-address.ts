export { clientAddress } from '../platform/client-address';
