import { ConnectionType, EdgeType } from '../../graphql/connection.js';
import { AuditEvent } from './audit-event.entity.js';

export const AuditEventEdge = EdgeType('AuditEvent', AuditEvent);
export const AuditEventConnection = ConnectionType('AuditEvent', AuditEvent, AuditEventEdge);
