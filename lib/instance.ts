import { hostname } from 'node:os';
import { getConfig } from './config';

/** This instance's name: INSTANCE_ID, or <hostname>:<pid>. Tags process gauges and names lease holders. */
export function instanceName(): string {
  return getConfig().INSTANCE_ID ?? `${hostname()}:${process.pid}`;
}
