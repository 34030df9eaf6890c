import { signOut } from '@/lib/auth/signin';
import { route } from '@/lib/http/route';

export const POST = route({ auth: 'user' }, ({ req }) => signOut(req));
