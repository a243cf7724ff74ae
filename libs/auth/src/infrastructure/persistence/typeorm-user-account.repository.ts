import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import {
  UserAccountRepository,
  type NewUserAccount,
  type UserAccount,
} from '../../application/user-account.repository.js';
import type { EmailAddress } from '../../domain/email-address.js';
import type { UserRole } from '../../domain/user-role.js';
import { UserOrmEntity } from './user.orm-entity.js';

@Injectable()
export class TypeOrmUserAccountRepository extends UserAccountRepository {
  constructor(@InjectRepository(UserOrmEntity) private readonly users: Repository<UserOrmEntity>) {
    super();
  }

  async findByEmail(email: EmailAddress): Promise<UserAccount | undefined> {
    const record = await this.users.findOneBy({ email: email.value });
    return record ? this.toAccount(record) : undefined;
  }

  async create(account: NewUserAccount): Promise<UserAccount> {
    const record = await this.users.save(
      this.users.create({
        email: account.email.value,
        username: account.username,
        passwordHash: account.passwordHash,
        role: account.role,
      }),
    );
    return this.toAccount(record);
  }

  async changeRole(userId: number, role: UserRole): Promise<void> {
    await this.users.update({ id: userId }, { role });
  }

  private toAccount(record: UserOrmEntity): UserAccount {
    return { id: record.id, email: record.email, username: record.username, role: record.role };
  }
}
