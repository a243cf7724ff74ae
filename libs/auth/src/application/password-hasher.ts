/** Password hashing as a port: the algorithm and its cost live in infrastructure. */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
}
