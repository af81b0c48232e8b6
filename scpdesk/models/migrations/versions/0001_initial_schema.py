"""Initial schema: every entity of domain.md §5, and the seeded theme list.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 19:59:37.270344
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

#: domain.md §5: the theme list a new partnership starts with (editable in the app).
SEED_THEMES = (
    "neglect", "non-accidental injury under 1", "elective home education", "families who avoid services",
    "safeguarding adults with care and support needs", "childhood obesity", "harassment and bullying",
    "sexual abuse", "contextual safeguarding", "child suicide or death through undetermined intent",
    "domestic abuse", "parental mental health", "substance misuse", "criminal exploitation",
    "voice of the child", "information sharing", "professional curiosity", "fathers and new adults",
    "escalation",
)

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agency',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('local_authority', 'police', 'health', 'icb', 'education', 'probation', 'housing', 'voluntary', 'other', name='agency_kind', native_enum=False, create_constraint=True, length=23), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency')),
    sa.UniqueConstraint('name', name=op.f('uq_agency_name'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=120), nullable=False),
    sa.Column('action', sa.Enum('insert', 'update', 'delete', 'export', 'print', 'import', name='audit_action', native_enum=False, create_constraint=True, length=14), nullable=False),
    sa.Column('entity', sa.String(length=60), nullable=False),
    sa.Column('entity_id', sa.String(length=80), nullable=False),
    sa.Column('field', sa.String(length=80), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_entity', ['entity', 'entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_occurred_at'), ['occurred_at'], unique=False)

    op.create_table('closure_day',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_closure_day')),
    sa.UniqueConstraint('day', name=op.f('uq_closure_day_day'))
    )
    op.create_table('organisation_setting',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value_json', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_organisation_setting'))
    )
    op.create_table('theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme')),
    sa.UniqueConstraint('name', name=op.f('uq_theme_name'))
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('panel_member', sa.Boolean(), nullable=False),
    sa.Column('qas_member', sa.Boolean(), nullable=False),
    sa.Column('retired_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_person_agency_id_agency'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_agency_id'), ['agency_id'], unique=False)

    op.create_table('referral',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=False),
    sa.Column('referrer_name', sa.String(length=200), nullable=False),
    sa.Column('referrer_role', sa.String(length=200), nullable=False),
    sa.Column('referrer_agency_id', sa.Integer(), nullable=True),
    sa.Column('referrer_contact', sa.String(length=254), nullable=False),
    sa.Column('lead_approval_name', sa.String(length=200), nullable=False),
    sa.Column('lead_approval_date', sa.Date(), nullable=True),
    sa.Column('route_requested', sa.Enum('rapid_review', 'learning_review', 'unsure', name='route_requested', native_enum=False, create_constraint=True, length=23), nullable=False),
    sa.Column('route', sa.Enum('rapid_review', 'learning_review', 'single_agency_audit', 'no_further_action', name='route', native_enum=False, create_constraint=True, length=27), nullable=True),
    sa.Column('screened_date', sa.Date(), nullable=True),
    sa.Column('screening_notes', sa.Text(), nullable=False),
    sa.Column('incident_date', sa.Date(), nullable=True),
    sa.Column('incident_type', sa.Enum('death', 'serious_harm', 'other', name='incident_type', native_enum=False, create_constraint=True, length=20), nullable=True),
    sa.Column('abuse_neglect', sa.Enum('known', 'suspected', 'not_suspected', name='abuse_neglect', native_enum=False, create_constraint=True, length=21), nullable=True),
    sa.Column('la_aware_date', sa.Date(), nullable=True),
    sa.Column('partners_aware_date', sa.Date(), nullable=True),
    sa.Column('partners_notified_date', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('sin_reference', sa.String(length=60), nullable=False),
    sa.Column('sin_sent_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('received', 'screening', 'sin_sent', 'rapid_review', 'rr_sent', 'panel_responded', 'learning_review', 'decided', 'closed', name='referral_status', native_enum=False, create_constraint=True, length=23), nullable=False),
    sa.Column('decision', sa.Enum('lcspr', 'learning_summary', 'national_review', 'plr', 'other_learning', 'no_further_review', name='decision', native_enum=False, create_constraint=True, length=25), nullable=True),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('decision_rationale', sa.Text(), nullable=False),
    sa.Column('criteria_improvements', sa.Boolean(), nullable=True),
    sa.Column('criteria_recurrent_themes', sa.Boolean(), nullable=True),
    sa.Column('criteria_multi_agency', sa.Boolean(), nullable=True),
    sa.Column('criteria_panel_suggested', sa.Boolean(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['referrer_agency_id'], ['agency.id'], name=op.f('fk_referral_referrer_agency_id_agency'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral')),
    sa.UniqueConstraint('reference', name=op.f('uq_referral_reference'))
    )
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_referrer_agency_id'), ['referrer_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referral_status'), ['status'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.Enum('rrp', 'qas', name='meeting_kind', native_enum=False, create_constraint=True, length=11), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('online_link', sa.String(length=1000), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('planned', 'held', 'cancelled', name='meeting_status', native_enum=False, create_constraint=True, length=17), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], name=op.f('fk_meeting_chair_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
    sa.UniqueConstraint('reference', name=op.f('uq_meeting_reference'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_chair_id'), ['chair_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_meeting_date'), ['meeting_date'], unique=False)

    op.create_table('rapid_review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('started_date', sa.Date(), nullable=True),
    sa.Column('strengths', sa.Text(), nullable=False),
    sa.Column('emerging_learning', sa.Text(), nullable=False),
    sa.Column('completed_date', sa.Date(), nullable=True),
    sa.Column('sent_to_panel_date', sa.Date(), nullable=True),
    sa.Column('panel_response_date', sa.Date(), nullable=True),
    sa.Column('panel_view', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_rapid_review_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rapid_review')),
    sa.UniqueConstraint('referral_id', name=op.f('uq_rapid_review_referral_id'))
    )
    op.create_table('referral_agency',
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_referral_agency_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_referral_agency_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('referral_id', 'agency_id', name=op.f('pk_referral_agency'))
    )
    with op.batch_alter_table('referral_agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_agency_agency_id'), ['agency_id'], unique=False)

    op.create_table('referral_child',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pseudonym', sa.String(length=80), nullable=False),
    sa.Column('role', sa.Enum('subject', 'sibling', 'other', name='child_role', native_enum=False, create_constraint=True, length=15), nullable=False),
    sa.Column('age_years', sa.Integer(), nullable=True),
    sa.Column('age_band', sa.String(length=40), nullable=False),
    sa.Column('sex', sa.Enum('female', 'male', 'other', 'unknown', name='sex', native_enum=False, create_constraint=True, length=15), nullable=True),
    sa.Column('legal_status_now', sa.Enum('cp_plan', 'child_in_need', 'looked_after', 'care_leaver', 'none', name='legal_status_now', native_enum=False, create_constraint=True, length=21), nullable=True),
    sa.Column('legal_status_6m', sa.Enum('cp_plan', 'child_in_need', 'looked_after', 'care_leaver', 'none', name='legal_status_6m', native_enum=False, create_constraint=True, length=21), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.CheckConstraint('position BETWEEN 1 AND 4', name=op.f('ck_referral_child_position_1_to_4')),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_referral_child_referral_id_referral'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_child')),
    sa.UniqueConstraint('referral_id', 'position', name=op.f('uq_referral_child_referral_id_position'))
    )
    with op.batch_alter_table('referral_child', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_child_referral_id'), ['referral_id'], unique=False)

    op.create_table('review',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('pseudonym', sa.String(length=80), nullable=False),
    sa.Column('review_type', sa.Enum('lcspr', 'learning_summary', 'plr', 'thematic', 'joint', 'national', name='review_type', native_enum=False, create_constraint=True, length=24), nullable=False),
    sa.Column('partnership', sa.String(length=300), nullable=False),
    sa.Column('status', sa.Enum('commissioned', 'in_review', 'draft', 'final_agreed', 'sent_to_panel', 'published', 'deferred', 'improvements_only', 'completed', name='review_status', native_enum=False, create_constraint=True, length=25), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=True),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('chair', sa.String(length=200), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('commissioned_date', sa.Date(), nullable=True),
    sa.Column('planned_publication_date', sa.Date(), nullable=True),
    sa.Column('final_report_sent_date', sa.Date(), nullable=True),
    sa.Column('published_date', sa.Date(), nullable=True),
    sa.Column('deferral_reason', sa.Text(), nullable=False),
    sa.Column('deferral_expected_end', sa.Date(), nullable=True),
    sa.Column('deferral_review_date', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('learning_points', sa.Text(), nullable=False),
    sa.Column('report_url', sa.String(length=1000), nullable=False),
    sa.Column('nspcc_deposit_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_review_referral_id_referral'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review')),
    sa.UniqueConstraint('reference', name=op.f('uq_review_reference'))
    )
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_published_date'), ['published_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_referral_id'), ['referral_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_review_type'), ['review_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_status'), ['status'], unique=False)

    op.create_table('agency_summary',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rapid_review_id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=False),
    sa.Column('requested_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('received_date', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_agency_summary_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['rapid_review_id'], ['rapid_review.id'], name=op.f('fk_agency_summary_rapid_review_id_rapid_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency_summary')),
    sa.UniqueConstraint('rapid_review_id', 'agency_id', name=op.f('uq_agency_summary_rapid_review_id_agency_id'))
    )
    with op.batch_alter_table('agency_summary', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agency_summary_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agency_summary_rapid_review_id'), ['rapid_review_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('case', 'standing', name='agenda_item_kind', native_enum=False, create_constraint=True, length=16), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('presenter_id', sa.Integer(), nullable=True),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('questions', sa.Text(), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('decision', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['presenter_id'], ['person.id'], name=op.f('fk_agenda_item_presenter_id_person'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_agenda_item_referral_id_referral'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item')),
    sa.UniqueConstraint('meeting_id', 'position', name=op.f('uq_agenda_item_meeting_id_position'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_presenter_id'), ['presenter_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_referral_id'), ['referral_id'], unique=False)

    op.create_table('archive_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('requester_name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=False),
    sa.Column('received_date', sa.Date(), nullable=False),
    sa.Column('sent_date', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_archive_request_review_id_review'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_archive_request'))
    )
    with op.batch_alter_table('archive_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_archive_request_review_id'), ['review_id'], unique=False)

    op.create_table('child_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=True),
    sa.Column('nhs_number', sa.String(length=20), nullable=False),
    sa.Column('address', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['referral_child.id'], name=op.f('fk_child_identity_child_id_referral_child'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_child_identity')),
    sa.UniqueConstraint('child_id', name=op.f('uq_child_identity_child_id'))
    )
    op.create_table('clock_pause',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=True),
    sa.Column('review_id', sa.Integer(), nullable=True),
    sa.Column('clock_key', sa.String(length=40), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('paused_date', sa.Date(), nullable=False),
    sa.Column('resumed_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.CheckConstraint('(referral_id IS NULL) <> (review_id IS NULL)', name=op.f('ck_clock_pause_one_owner')),
    sa.CheckConstraint('length(reason) > 0', name=op.f('ck_clock_pause_reason_given')),
    sa.ForeignKeyConstraint(['referral_id'], ['referral.id'], name=op.f('fk_clock_pause_referral_id_referral'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_clock_pause_review_id_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clock_pause'))
    )
    with op.batch_alter_table('clock_pause', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_clock_pause_referral_id'), ['referral_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_clock_pause_review_id'), ['review_id'], unique=False)

    op.create_table('meeting_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('attendance', sa.Enum('invited', 'present', 'apologies', 'absent', name='attendance', native_enum=False, create_constraint=True, length=17), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_member_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_meeting_member_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_member')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_meeting_member_meeting_id_person_id'))
    )
    with op.batch_alter_table('meeting_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_member_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_member_person_id'), ['person_id'], unique=False)

    op.create_table('partner_signoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rapid_review_id', sa.Integer(), nullable=False),
    sa.Column('partner', sa.Enum('la', 'police', 'icb', name='partner', native_enum=False, create_constraint=True, length=14), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('signed_date', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['rapid_review_id'], ['rapid_review.id'], name=op.f('fk_partner_signoff_rapid_review_id_rapid_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_signoff')),
    sa.UniqueConstraint('rapid_review_id', 'partner', name=op.f('uq_partner_signoff_rapid_review_id_partner'))
    )
    with op.batch_alter_table('partner_signoff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_signoff_rapid_review_id'), ['rapid_review_id'], unique=False)

    op.create_table('rapid_review_theme',
    sa.Column('rapid_review_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['rapid_review_id'], ['rapid_review.id'], name=op.f('fk_rapid_review_theme_rapid_review_id_rapid_review'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_rapid_review_theme_theme_id_theme'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('rapid_review_id', 'theme_id', name=op.f('pk_rapid_review_theme'))
    )
    with op.batch_alter_table('rapid_review_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rapid_review_theme_theme_id'), ['theme_id'], unique=False)

    op.create_table('recommendation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_recommendation_review_id_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation'))
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_review_id'), ['review_id'], unique=False)

    op.create_table('review_theme',
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_review_theme_review_id_review'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], name=op.f('fk_review_theme_theme_id_theme'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('review_id', 'theme_id', name=op.f('pk_review_theme'))
    )
    with op.batch_alter_table('review_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_theme_theme_id'), ['theme_id'], unique=False)

    op.create_table('safety_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rapid_review_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_agency_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['owner_agency_id'], ['agency.id'], name=op.f('fk_safety_action_owner_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['rapid_review_id'], ['rapid_review.id'], name=op.f('fk_safety_action_rapid_review_id_rapid_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_action'))
    )
    with op.batch_alter_table('safety_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_safety_action_owner_agency_id'), ['owner_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_safety_action_rapid_review_id'), ['rapid_review_id'], unique=False)

    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_agency_id', sa.Integer(), nullable=True),
    sa.Column('expected_change', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('not_started', 'on_track', 'at_risk', 'overdue', 'complete', name='action_status', native_enum=False, create_constraint=True, length=19), nullable=False),
    sa.Column('progress_notes', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('impact_check_date', sa.Date(), nullable=True),
    sa.Column('completed_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['owner_agency_id'], ['agency.id'], name=op.f('fk_action_owner_agency_id_agency'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], name=op.f('fk_action_recommendation_id_recommendation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action'))
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_owner_agency_id'), ['owner_agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('meeting_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_person_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_meeting_action_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_person_id'], ['person.id'], name=op.f('fk_meeting_action_owner_person_id_person'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_action'))
    )
    with op.batch_alter_table('meeting_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_action_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_action_owner_person_id'), ['owner_person_id'], unique=False)

    op.create_table('paper',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_paper_agenda_item_id_agenda_item'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper'))
    )
    with op.batch_alter_table('paper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_agenda_item_id'), ['agenda_item_id'], unique=False)

    op.create_table('learning_summary',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('about', sa.Text(), nullable=False),
    sa.Column('the_child', sa.Text(), nullable=False),
    sa.Column('what_happened', sa.Text(), nullable=False),
    sa.Column('what_went_well', sa.Text(), nullable=False),
    sa.Column('key_learning', sa.Text(), nullable=False),
    sa.Column('practice', sa.Text(), nullable=False),
    sa.Column('reflective_questions', sa.Text(), nullable=False),
    sa.Column('resources', sa.Text(), nullable=False),
    sa.Column('contacts', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['review.id'], name=op.f('fk_learning_summary_review_id_review'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_learning_summary')),
    sa.UniqueConstraint('review_id', name=op.f('uq_learning_summary_review_id'))
    )
    theme = sa.table("theme", sa.column("name", sa.String), sa.column("version", sa.Integer),
                     sa.column("created_at", sa.DateTime), sa.column("created_by", sa.String),
                     sa.column("updated_at", sa.DateTime), sa.column("updated_by", sa.String))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    op.bulk_insert(theme, [{"name": name, "version": 1, "created_at": now, "created_by": "scpdesk",
                            "updated_at": now, "updated_by": "scpdesk"} for name in SEED_THEMES])


def downgrade() -> None:
    op.drop_table('learning_summary')
    with op.batch_alter_table('paper', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_agenda_item_id'))

    op.drop_table('paper')
    with op.batch_alter_table('meeting_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_action_owner_person_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_action_agenda_item_id'))

    op.drop_table('meeting_action')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_action_owner_agency_id'))
        batch_op.drop_index(batch_op.f('ix_action_due_date'))

    op.drop_table('action')
    with op.batch_alter_table('safety_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_safety_action_rapid_review_id'))
        batch_op.drop_index(batch_op.f('ix_safety_action_owner_agency_id'))

    op.drop_table('safety_action')
    with op.batch_alter_table('review_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_theme_theme_id'))

    op.drop_table('review_theme')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_review_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('rapid_review_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rapid_review_theme_theme_id'))

    op.drop_table('rapid_review_theme')
    with op.batch_alter_table('partner_signoff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_signoff_rapid_review_id'))

    op.drop_table('partner_signoff')
    with op.batch_alter_table('meeting_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_member_person_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_member_meeting_id'))

    op.drop_table('meeting_member')
    with op.batch_alter_table('clock_pause', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clock_pause_review_id'))
        batch_op.drop_index(batch_op.f('ix_clock_pause_referral_id'))

    op.drop_table('clock_pause')
    op.drop_table('child_identity')
    with op.batch_alter_table('archive_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_archive_request_review_id'))

    op.drop_table('archive_request')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_referral_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_presenter_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('agency_summary', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agency_summary_rapid_review_id'))
        batch_op.drop_index(batch_op.f('ix_agency_summary_agency_id'))

    op.drop_table('agency_summary')
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_status'))
        batch_op.drop_index(batch_op.f('ix_review_review_type'))
        batch_op.drop_index(batch_op.f('ix_review_referral_id'))
        batch_op.drop_index(batch_op.f('ix_review_published_date'))

    op.drop_table('review')
    with op.batch_alter_table('referral_child', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_child_referral_id'))

    op.drop_table('referral_child')
    with op.batch_alter_table('referral_agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_agency_agency_id'))

    op.drop_table('referral_agency')
    op.drop_table('rapid_review')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_meeting_date'))
        batch_op.drop_index(batch_op.f('ix_meeting_chair_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_status'))
        batch_op.drop_index(batch_op.f('ix_referral_referrer_agency_id'))

    op.drop_table('referral')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_agency_id'))

    op.drop_table('person')
    op.drop_table('theme')
    op.drop_table('organisation_setting')
    op.drop_table('closure_day')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_occurred_at'))
        batch_op.drop_index('ix_audit_event_entity')

    op.drop_table('audit_event')
    op.drop_table('agency')
