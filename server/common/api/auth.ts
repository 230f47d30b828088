/**
 * API shapes: auth
 * ================
 *
 * What `GET /api/auth/me` answers: the signed-in user as the client sees them. Plain types, shared by
 * server and client.
 */

export interface Me {
  id: string;
  username: string;
  display_name: string;
  role: string;
  must_change_password: boolean;
  scopes?: string[];
}
