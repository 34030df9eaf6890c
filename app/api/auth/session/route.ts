import { permissionsOf } from '@/lib/auth/permissions';
import { route } from '@/lib/http/route';

/** The signed-in user and what they may do (the UI hides what they cannot). */
export const GET = route({ auth: 'user' }, ({ actor }) => ({
  user: { id: actor.id, email: actor.email, name: actor.name, role: actor.role },
  permissions: permissionsOf(actor.role),
}));
