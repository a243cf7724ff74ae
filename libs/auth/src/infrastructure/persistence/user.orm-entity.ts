import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UserRole } from '../../domain/user-role.js';

@Entity({ name: 'users' })
export class UserOrmEntity {
  @PrimaryGeneratedColumn('identity', { name: 'user_id', generatedIdentity: 'BY DEFAULT' })
  id!: number;

  @Column('text')
  email!: string;

  @Column('text')
  username!: string;

  @Column('text')
  passwordHash!: string;

  @Column('text')
  role!: UserRole;

  @Column('integer')
  xpPoints!: number;

  @Column('integer')
  currentStreak!: number;

  @Column('text')
  timezone!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
