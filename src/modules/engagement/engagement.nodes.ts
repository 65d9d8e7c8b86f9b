import { registerNode } from '../../graphql/node-registry.js';
import { requireViewer } from '../../graphql/context.js';
import { Role } from '../person/person.enums.js';
import { MentorRequest } from '../request/mentor-request.entity.js';
import { canSeeRequest } from '../request/request.service.js';
import { Notification } from './notification.entity.js';
import { WebhookDelivery, WebhookEndpoint } from './webhook.entity.js';

/**
 * Who may fetch engagement objects with `node(id:)`: a notification only its recipient (not even
 * coordinators); webhooks only organisation admins; a request its two participants and coordinators.
 */
export function registerEngagementNodes(): void {
  registerNode('MentorRequest', { entity: MentorRequest, visible: (ctx, r) => canSeeRequest(requireViewer(ctx), r as MentorRequest) });
  registerNode('Notification', { entity: Notification, private: true, visible: (ctx, n) => (n as Notification).recipient.id === requireViewer(ctx).personId });
  registerNode('WebhookEndpoint', { entity: WebhookEndpoint, private: true, visible: (ctx) => requireViewer(ctx).role === Role.ORG_ADMIN });
  registerNode('WebhookDelivery', { entity: WebhookDelivery, private: true, visible: (ctx) => requireViewer(ctx).role === Role.ORG_ADMIN });
}
