// @generated
impl serde::Serialize for ApiKey {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.api_key_uuid.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.prefix.is_empty() {
            len += 1;
        }
        if !self.permissions.is_empty() {
            len += 1;
        }
        if !self.namespaces.is_empty() {
            len += 1;
        }
        if !self.created_by.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.expires_at.is_some() {
            len += 1;
        }
        if self.revoked_at.is_some() {
            len += 1;
        }
        if self.last_used_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ApiKey", len)?;
        if !self.api_key_uuid.is_empty() {
            struct_ser.serialize_field("apiKeyUuid", &self.api_key_uuid)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.prefix.is_empty() {
            struct_ser.serialize_field("prefix", &self.prefix)?;
        }
        if !self.permissions.is_empty() {
            struct_ser.serialize_field("permissions", &self.permissions)?;
        }
        if !self.namespaces.is_empty() {
            struct_ser.serialize_field("namespaces", &self.namespaces)?;
        }
        if !self.created_by.is_empty() {
            struct_ser.serialize_field("createdBy", &self.created_by)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("createdAt", v)?;
        }
        if let Some(v) = self.expires_at.as_ref() {
            struct_ser.serialize_field("expiresAt", v)?;
        }
        if let Some(v) = self.revoked_at.as_ref() {
            struct_ser.serialize_field("revokedAt", v)?;
        }
        if let Some(v) = self.last_used_at.as_ref() {
            struct_ser.serialize_field("lastUsedAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ApiKey {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "api_key_uuid",
            "apiKeyUuid",
            "name",
            "prefix",
            "permissions",
            "namespaces",
            "created_by",
            "createdBy",
            "created_at",
            "createdAt",
            "expires_at",
            "expiresAt",
            "revoked_at",
            "revokedAt",
            "last_used_at",
            "lastUsedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ApiKeyUuid,
            Name,
            Prefix,
            Permissions,
            Namespaces,
            CreatedBy,
            CreatedAt,
            ExpiresAt,
            RevokedAt,
            LastUsedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "apiKeyUuid" | "api_key_uuid" => Ok(GeneratedField::ApiKeyUuid),
                            "name" => Ok(GeneratedField::Name),
                            "prefix" => Ok(GeneratedField::Prefix),
                            "permissions" => Ok(GeneratedField::Permissions),
                            "namespaces" => Ok(GeneratedField::Namespaces),
                            "createdBy" | "created_by" => Ok(GeneratedField::CreatedBy),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "expiresAt" | "expires_at" => Ok(GeneratedField::ExpiresAt),
                            "revokedAt" | "revoked_at" => Ok(GeneratedField::RevokedAt),
                            "lastUsedAt" | "last_used_at" => Ok(GeneratedField::LastUsedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ApiKey;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ApiKey")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ApiKey, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut api_key_uuid__ = None;
                let mut name__ = None;
                let mut prefix__ = None;
                let mut permissions__ = None;
                let mut namespaces__ = None;
                let mut created_by__ = None;
                let mut created_at__ = None;
                let mut expires_at__ = None;
                let mut revoked_at__ = None;
                let mut last_used_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ApiKeyUuid => {
                            if api_key_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("apiKeyUuid"));
                            }
                            api_key_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Prefix => {
                            if prefix__.is_some() {
                                return Err(serde::de::Error::duplicate_field("prefix"));
                            }
                            prefix__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Permissions => {
                            if permissions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("permissions"));
                            }
                            permissions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespaces => {
                            if namespaces__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespaces"));
                            }
                            namespaces__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedBy => {
                            if created_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdBy"));
                            }
                            created_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::ExpiresAt => {
                            if expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresAt"));
                            }
                            expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::RevokedAt => {
                            if revoked_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("revokedAt"));
                            }
                            revoked_at__ = map_.next_value()?;
                        }
                        GeneratedField::LastUsedAt => {
                            if last_used_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastUsedAt"));
                            }
                            last_used_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ApiKey {
                    api_key_uuid: api_key_uuid__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    prefix: prefix__.unwrap_or_default(),
                    permissions: permissions__.unwrap_or_default(),
                    namespaces: namespaces__.unwrap_or_default(),
                    created_by: created_by__.unwrap_or_default(),
                    created_at: created_at__,
                    expires_at: expires_at__,
                    revoked_at: revoked_at__,
                    last_used_at: last_used_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ApiKey", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for AttemptFailure {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.error.is_some() {
            len += 1;
        }
        if self.retry_after.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.AttemptFailure", len)?;
        if let Some(v) = self.error.as_ref() {
            struct_ser.serialize_field("error", v)?;
        }
        if let Some(v) = self.retry_after.as_ref() {
            struct_ser.serialize_field("retryAfter", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AttemptFailure {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "error",
            "retry_after",
            "retryAfter",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Error,
            RetryAfter,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "error" => Ok(GeneratedField::Error),
                            "retryAfter" | "retry_after" => Ok(GeneratedField::RetryAfter),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AttemptFailure;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.AttemptFailure")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AttemptFailure, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut error__ = None;
                let mut retry_after__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Error => {
                            if error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("error"));
                            }
                            error__ = map_.next_value()?;
                        }
                        GeneratedField::RetryAfter => {
                            if retry_after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryAfter"));
                            }
                            retry_after__ = map_.next_value()?;
                        }
                    }
                }
                Ok(AttemptFailure {
                    error: error__,
                    retry_after: retry_after__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.AttemptFailure", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for AuthRule {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.requirement.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.AuthRule", len)?;
        if let Some(v) = self.requirement.as_ref() {
            match v {
                auth_rule::Requirement::Permission(v) => {
                    struct_ser.serialize_field("permission", v)?;
                }
                auth_rule::Requirement::Public(v) => {
                    struct_ser.serialize_field("public", v)?;
                }
                auth_rule::Requirement::Authenticated(v) => {
                    struct_ser.serialize_field("authenticated", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AuthRule {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "permission",
            "public",
            "authenticated",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Permission,
            Public,
            Authenticated,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "permission" => Ok(GeneratedField::Permission),
                            "public" => Ok(GeneratedField::Public),
                            "authenticated" => Ok(GeneratedField::Authenticated),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AuthRule;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.AuthRule")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AuthRule, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut requirement__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Permission => {
                            if requirement__.is_some() {
                                return Err(serde::de::Error::duplicate_field("permission"));
                            }
                            requirement__ = map_.next_value::<::std::option::Option<_>>()?.map(auth_rule::Requirement::Permission);
                        }
                        GeneratedField::Public => {
                            if requirement__.is_some() {
                                return Err(serde::de::Error::duplicate_field("public"));
                            }
                            requirement__ = map_.next_value::<::std::option::Option<_>>()?.map(auth_rule::Requirement::Public);
                        }
                        GeneratedField::Authenticated => {
                            if requirement__.is_some() {
                                return Err(serde::de::Error::duplicate_field("authenticated"));
                            }
                            requirement__ = map_.next_value::<::std::option::Option<_>>()?.map(auth_rule::Requirement::Authenticated);
                        }
                    }
                }
                Ok(AuthRule {
                    requirement: requirement__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.AuthRule", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CancelTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CancelTaskRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            Reason,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "reason" => Ok(GeneratedField::Reason),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CancelTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CancelTaskRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CancelTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CancelTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CancelTaskResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CancelTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CancelTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CancelTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CancelTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CancelTaskResponse {
                    task: task__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CancelTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CheckRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("tasker.v1.CheckRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CheckRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CheckRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CheckRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CheckRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(CheckRequest {
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CheckRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CheckResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.status != 0 {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.checked_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CheckResponse", len)?;
        if self.status != 0 {
            let v = HealthStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if let Some(v) = self.checked_at.as_ref() {
            struct_ser.serialize_field("checkedAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CheckResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "status",
            "version",
            "checked_at",
            "checkedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Status,
            Version,
            CheckedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "status" => Ok(GeneratedField::Status),
                            "version" => Ok(GeneratedField::Version),
                            "checkedAt" | "checked_at" => Ok(GeneratedField::CheckedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CheckResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CheckResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CheckResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut status__ = None;
                let mut version__ = None;
                let mut checked_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<HealthStatus>()? as i32);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CheckedAt => {
                            if checked_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checkedAt"));
                            }
                            checked_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CheckResponse {
                    status: status__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    checked_at: checked_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CheckResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ClaimStepsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if self.max_steps != 0 {
            len += 1;
        }
        if self.wait_timeout.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ClaimStepsRequest", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if self.max_steps != 0 {
            struct_ser.serialize_field("maxSteps", &self.max_steps)?;
        }
        if let Some(v) = self.wait_timeout.as_ref() {
            struct_ser.serialize_field("waitTimeout", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ClaimStepsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
            "max_steps",
            "maxSteps",
            "wait_timeout",
            "waitTimeout",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
            MaxSteps,
            WaitTimeout,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "maxSteps" | "max_steps" => Ok(GeneratedField::MaxSteps),
                            "waitTimeout" | "wait_timeout" => Ok(GeneratedField::WaitTimeout),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ClaimStepsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ClaimStepsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ClaimStepsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                let mut max_steps__ = None;
                let mut wait_timeout__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MaxSteps => {
                            if max_steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxSteps"));
                            }
                            max_steps__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::WaitTimeout => {
                            if wait_timeout__.is_some() {
                                return Err(serde::de::Error::duplicate_field("waitTimeout"));
                            }
                            wait_timeout__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ClaimStepsRequest {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    max_steps: max_steps__.unwrap_or_default(),
                    wait_timeout: wait_timeout__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ClaimStepsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ClaimStepsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.steps.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ClaimStepsResponse", len)?;
        if !self.steps.is_empty() {
            struct_ser.serialize_field("steps", &self.steps)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ClaimStepsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "steps",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Steps,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "steps" => Ok(GeneratedField::Steps),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ClaimStepsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ClaimStepsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ClaimStepsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut steps__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Steps => {
                            if steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("steps"));
                            }
                            steps__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ClaimStepsResponse {
                    steps: steps__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ClaimStepsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ClaimedStep {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.claim_uuid.is_empty() {
            len += 1;
        }
        if self.step.is_some() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.task_name.is_empty() {
            len += 1;
        }
        if !self.task_version.is_empty() {
            len += 1;
        }
        if self.task_context.is_some() {
            len += 1;
        }
        if !self.dependency_results.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if self.lease_expires_at.is_some() {
            len += 1;
        }
        if !self.traceparent.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ClaimedStep", len)?;
        if !self.claim_uuid.is_empty() {
            struct_ser.serialize_field("claimUuid", &self.claim_uuid)?;
        }
        if let Some(v) = self.step.as_ref() {
            struct_ser.serialize_field("step", v)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.task_name.is_empty() {
            struct_ser.serialize_field("taskName", &self.task_name)?;
        }
        if !self.task_version.is_empty() {
            struct_ser.serialize_field("taskVersion", &self.task_version)?;
        }
        if let Some(v) = self.task_context.as_ref() {
            struct_ser.serialize_field("taskContext", v)?;
        }
        if !self.dependency_results.is_empty() {
            struct_ser.serialize_field("dependencyResults", &self.dependency_results)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if let Some(v) = self.lease_expires_at.as_ref() {
            struct_ser.serialize_field("leaseExpiresAt", v)?;
        }
        if !self.traceparent.is_empty() {
            struct_ser.serialize_field("traceparent", &self.traceparent)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ClaimedStep {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "claim_uuid",
            "claimUuid",
            "step",
            "namespace",
            "task_name",
            "taskName",
            "task_version",
            "taskVersion",
            "task_context",
            "taskContext",
            "dependency_results",
            "dependencyResults",
            "attempt",
            "lease_expires_at",
            "leaseExpiresAt",
            "traceparent",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ClaimUuid,
            Step,
            Namespace,
            TaskName,
            TaskVersion,
            TaskContext,
            DependencyResults,
            Attempt,
            LeaseExpiresAt,
            Traceparent,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "claimUuid" | "claim_uuid" => Ok(GeneratedField::ClaimUuid),
                            "step" => Ok(GeneratedField::Step),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "taskName" | "task_name" => Ok(GeneratedField::TaskName),
                            "taskVersion" | "task_version" => Ok(GeneratedField::TaskVersion),
                            "taskContext" | "task_context" => Ok(GeneratedField::TaskContext),
                            "dependencyResults" | "dependency_results" => Ok(GeneratedField::DependencyResults),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "leaseExpiresAt" | "lease_expires_at" => Ok(GeneratedField::LeaseExpiresAt),
                            "traceparent" => Ok(GeneratedField::Traceparent),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ClaimedStep;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ClaimedStep")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ClaimedStep, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut claim_uuid__ = None;
                let mut step__ = None;
                let mut namespace__ = None;
                let mut task_name__ = None;
                let mut task_version__ = None;
                let mut task_context__ = None;
                let mut dependency_results__ = None;
                let mut attempt__ = None;
                let mut lease_expires_at__ = None;
                let mut traceparent__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ClaimUuid => {
                            if claim_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimUuid"));
                            }
                            claim_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Step => {
                            if step__.is_some() {
                                return Err(serde::de::Error::duplicate_field("step"));
                            }
                            step__ = map_.next_value()?;
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskName => {
                            if task_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskName"));
                            }
                            task_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskVersion => {
                            if task_version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskVersion"));
                            }
                            task_version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskContext => {
                            if task_context__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskContext"));
                            }
                            task_context__ = map_.next_value()?;
                        }
                        GeneratedField::DependencyResults => {
                            if dependency_results__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dependencyResults"));
                            }
                            dependency_results__ = Some(
                                map_.next_value::<std::collections::HashMap<_, _>>()?
                            );
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::LeaseExpiresAt => {
                            if lease_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseExpiresAt"));
                            }
                            lease_expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::Traceparent => {
                            if traceparent__.is_some() {
                                return Err(serde::de::Error::duplicate_field("traceparent"));
                            }
                            traceparent__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ClaimedStep {
                    claim_uuid: claim_uuid__.unwrap_or_default(),
                    step: step__,
                    namespace: namespace__.unwrap_or_default(),
                    task_name: task_name__.unwrap_or_default(),
                    task_version: task_version__.unwrap_or_default(),
                    task_context: task_context__,
                    dependency_results: dependency_results__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    lease_expires_at: lease_expires_at__,
                    traceparent: traceparent__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ClaimedStep", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CompleteStepRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if !self.claim_uuid.is_empty() {
            len += 1;
        }
        if self.results.is_some() {
            len += 1;
        }
        if self.execution_duration.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CompleteStepRequest", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if !self.claim_uuid.is_empty() {
            struct_ser.serialize_field("claimUuid", &self.claim_uuid)?;
        }
        if let Some(v) = self.results.as_ref() {
            struct_ser.serialize_field("results", v)?;
        }
        if let Some(v) = self.execution_duration.as_ref() {
            struct_ser.serialize_field("executionDuration", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteStepRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
            "claim_uuid",
            "claimUuid",
            "results",
            "execution_duration",
            "executionDuration",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
            ClaimUuid,
            Results,
            ExecutionDuration,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "claimUuid" | "claim_uuid" => Ok(GeneratedField::ClaimUuid),
                            "results" => Ok(GeneratedField::Results),
                            "executionDuration" | "execution_duration" => Ok(GeneratedField::ExecutionDuration),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CompleteStepRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CompleteStepRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteStepRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                let mut claim_uuid__ = None;
                let mut results__ = None;
                let mut execution_duration__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ClaimUuid => {
                            if claim_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimUuid"));
                            }
                            claim_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Results => {
                            if results__.is_some() {
                                return Err(serde::de::Error::duplicate_field("results"));
                            }
                            results__ = map_.next_value()?;
                        }
                        GeneratedField::ExecutionDuration => {
                            if execution_duration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("executionDuration"));
                            }
                            execution_duration__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CompleteStepRequest {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    claim_uuid: claim_uuid__.unwrap_or_default(),
                    results: results__,
                    execution_duration: execution_duration__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CompleteStepRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CompleteStepResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.step.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CompleteStepResponse", len)?;
        if let Some(v) = self.step.as_ref() {
            struct_ser.serialize_field("step", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CompleteStepResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "step",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Step,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "step" => Ok(GeneratedField::Step),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CompleteStepResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CompleteStepResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CompleteStepResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut step__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Step => {
                            if step__.is_some() {
                                return Err(serde::de::Error::duplicate_field("step"));
                            }
                            step__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CompleteStepResponse {
                    step: step__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CompleteStepResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ComponentHealth {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if self.status != 0 {
            len += 1;
        }
        if !self.message.is_empty() {
            len += 1;
        }
        if self.latency.is_some() {
            len += 1;
        }
        if !self.details.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ComponentHealth", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if self.status != 0 {
            let v = HealthStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        if !self.message.is_empty() {
            struct_ser.serialize_field("message", &self.message)?;
        }
        if let Some(v) = self.latency.as_ref() {
            struct_ser.serialize_field("latency", v)?;
        }
        if !self.details.is_empty() {
            struct_ser.serialize_field("details", &self.details)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ComponentHealth {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "status",
            "message",
            "latency",
            "details",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Status,
            Message,
            Latency,
            Details,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "status" => Ok(GeneratedField::Status),
                            "message" => Ok(GeneratedField::Message),
                            "latency" => Ok(GeneratedField::Latency),
                            "details" => Ok(GeneratedField::Details),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ComponentHealth;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ComponentHealth")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ComponentHealth, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut status__ = None;
                let mut message__ = None;
                let mut latency__ = None;
                let mut details__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<HealthStatus>()? as i32);
                        }
                        GeneratedField::Message => {
                            if message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            message__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Latency => {
                            if latency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("latency"));
                            }
                            latency__ = map_.next_value()?;
                        }
                        GeneratedField::Details => {
                            if details__.is_some() {
                                return Err(serde::de::Error::duplicate_field("details"));
                            }
                            details__ = Some(
                                map_.next_value::<std::collections::HashMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(ComponentHealth {
                    name: name__.unwrap_or_default(),
                    status: status__.unwrap_or_default(),
                    message: message__.unwrap_or_default(),
                    latency: latency__,
                    details: details__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ComponentHealth", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CountTasksRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.states.is_empty() {
            len += 1;
        }
        if self.created_after.is_some() {
            len += 1;
        }
        if self.created_before.is_some() {
            len += 1;
        }
        if !self.tags.is_empty() {
            len += 1;
        }
        if !self.correlation_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CountTasksRequest", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.states.is_empty() {
            let v = self.states.iter().cloned().map(|v| {
                TaskState::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("states", &v)?;
        }
        if let Some(v) = self.created_after.as_ref() {
            struct_ser.serialize_field("createdAfter", v)?;
        }
        if let Some(v) = self.created_before.as_ref() {
            struct_ser.serialize_field("createdBefore", v)?;
        }
        if !self.tags.is_empty() {
            struct_ser.serialize_field("tags", &self.tags)?;
        }
        if !self.correlation_id.is_empty() {
            struct_ser.serialize_field("correlationId", &self.correlation_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CountTasksRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "name",
            "states",
            "created_after",
            "createdAfter",
            "created_before",
            "createdBefore",
            "tags",
            "correlation_id",
            "correlationId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            Name,
            States,
            CreatedAfter,
            CreatedBefore,
            Tags,
            CorrelationId,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "states" => Ok(GeneratedField::States),
                            "createdAfter" | "created_after" => Ok(GeneratedField::CreatedAfter),
                            "createdBefore" | "created_before" => Ok(GeneratedField::CreatedBefore),
                            "tags" => Ok(GeneratedField::Tags),
                            "correlationId" | "correlation_id" => Ok(GeneratedField::CorrelationId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CountTasksRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CountTasksRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CountTasksRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut name__ = None;
                let mut states__ = None;
                let mut created_after__ = None;
                let mut created_before__ = None;
                let mut tags__ = None;
                let mut correlation_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::States => {
                            if states__.is_some() {
                                return Err(serde::de::Error::duplicate_field("states"));
                            }
                            states__ = Some(map_.next_value::<Vec<TaskState>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::CreatedAfter => {
                            if created_after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAfter"));
                            }
                            created_after__ = map_.next_value()?;
                        }
                        GeneratedField::CreatedBefore => {
                            if created_before__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdBefore"));
                            }
                            created_before__ = map_.next_value()?;
                        }
                        GeneratedField::Tags => {
                            if tags__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tags"));
                            }
                            tags__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CorrelationId => {
                            if correlation_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("correlationId"));
                            }
                            correlation_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CountTasksRequest {
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    states: states__.unwrap_or_default(),
                    created_after: created_after__,
                    created_before: created_before__,
                    tags: tags__.unwrap_or_default(),
                    correlation_id: correlation_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CountTasksRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CountTasksResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.total != 0 {
            len += 1;
        }
        if !self.counts.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CountTasksResponse", len)?;
        if self.total != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("total", ToString::to_string(&self.total).as_str())?;
        }
        if !self.counts.is_empty() {
            struct_ser.serialize_field("counts", &self.counts)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CountTasksResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "total",
            "counts",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Total,
            Counts,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "total" => Ok(GeneratedField::Total),
                            "counts" => Ok(GeneratedField::Counts),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CountTasksResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CountTasksResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CountTasksResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut total__ = None;
                let mut counts__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Total => {
                            if total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("total"));
                            }
                            total__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Counts => {
                            if counts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("counts"));
                            }
                            counts__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CountTasksResponse {
                    total: total__.unwrap_or_default(),
                    counts: counts__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CountTasksResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CreateApiKeyRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.permissions.is_empty() {
            len += 1;
        }
        if !self.namespaces.is_empty() {
            len += 1;
        }
        if self.expires_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CreateApiKeyRequest", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.permissions.is_empty() {
            struct_ser.serialize_field("permissions", &self.permissions)?;
        }
        if !self.namespaces.is_empty() {
            struct_ser.serialize_field("namespaces", &self.namespaces)?;
        }
        if let Some(v) = self.expires_at.as_ref() {
            struct_ser.serialize_field("expiresAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateApiKeyRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "permissions",
            "namespaces",
            "expires_at",
            "expiresAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Permissions,
            Namespaces,
            ExpiresAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "permissions" => Ok(GeneratedField::Permissions),
                            "namespaces" => Ok(GeneratedField::Namespaces),
                            "expiresAt" | "expires_at" => Ok(GeneratedField::ExpiresAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateApiKeyRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CreateApiKeyRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateApiKeyRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut permissions__ = None;
                let mut namespaces__ = None;
                let mut expires_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Permissions => {
                            if permissions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("permissions"));
                            }
                            permissions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespaces => {
                            if namespaces__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespaces"));
                            }
                            namespaces__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ExpiresAt => {
                            if expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresAt"));
                            }
                            expires_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CreateApiKeyRequest {
                    name: name__.unwrap_or_default(),
                    permissions: permissions__.unwrap_or_default(),
                    namespaces: namespaces__.unwrap_or_default(),
                    expires_at: expires_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CreateApiKeyRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CreateApiKeyResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.api_key.is_some() {
            len += 1;
        }
        if !self.secret.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CreateApiKeyResponse", len)?;
        if let Some(v) = self.api_key.as_ref() {
            struct_ser.serialize_field("apiKey", v)?;
        }
        if !self.secret.is_empty() {
            struct_ser.serialize_field("secret", &self.secret)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateApiKeyResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "api_key",
            "apiKey",
            "secret",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ApiKey,
            Secret,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "apiKey" | "api_key" => Ok(GeneratedField::ApiKey),
                            "secret" => Ok(GeneratedField::Secret),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateApiKeyResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CreateApiKeyResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateApiKeyResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut api_key__ = None;
                let mut secret__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ApiKey => {
                            if api_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("apiKey"));
                            }
                            api_key__ = map_.next_value()?;
                        }
                        GeneratedField::Secret => {
                            if secret__.is_some() {
                                return Err(serde::de::Error::duplicate_field("secret"));
                            }
                            secret__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CreateApiKeyResponse {
                    api_key: api_key__,
                    secret: secret__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CreateApiKeyResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CreateTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.context.is_some() {
            len += 1;
        }
        if !self.initiator.is_empty() {
            len += 1;
        }
        if !self.source_system.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if self.priority != 0 {
            len += 1;
        }
        if !self.tags.is_empty() {
            len += 1;
        }
        if !self.correlation_id.is_empty() {
            len += 1;
        }
        if !self.parent_correlation_id.is_empty() {
            len += 1;
        }
        if !self.idempotency_key.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CreateTaskRequest", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if let Some(v) = self.context.as_ref() {
            struct_ser.serialize_field("context", v)?;
        }
        if !self.initiator.is_empty() {
            struct_ser.serialize_field("initiator", &self.initiator)?;
        }
        if !self.source_system.is_empty() {
            struct_ser.serialize_field("sourceSystem", &self.source_system)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if self.priority != 0 {
            struct_ser.serialize_field("priority", &self.priority)?;
        }
        if !self.tags.is_empty() {
            struct_ser.serialize_field("tags", &self.tags)?;
        }
        if !self.correlation_id.is_empty() {
            struct_ser.serialize_field("correlationId", &self.correlation_id)?;
        }
        if !self.parent_correlation_id.is_empty() {
            struct_ser.serialize_field("parentCorrelationId", &self.parent_correlation_id)?;
        }
        if !self.idempotency_key.is_empty() {
            struct_ser.serialize_field("idempotencyKey", &self.idempotency_key)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "name",
            "version",
            "context",
            "initiator",
            "source_system",
            "sourceSystem",
            "reason",
            "priority",
            "tags",
            "correlation_id",
            "correlationId",
            "parent_correlation_id",
            "parentCorrelationId",
            "idempotency_key",
            "idempotencyKey",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            Name,
            Version,
            Context,
            Initiator,
            SourceSystem,
            Reason,
            Priority,
            Tags,
            CorrelationId,
            ParentCorrelationId,
            IdempotencyKey,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            "context" => Ok(GeneratedField::Context),
                            "initiator" => Ok(GeneratedField::Initiator),
                            "sourceSystem" | "source_system" => Ok(GeneratedField::SourceSystem),
                            "reason" => Ok(GeneratedField::Reason),
                            "priority" => Ok(GeneratedField::Priority),
                            "tags" => Ok(GeneratedField::Tags),
                            "correlationId" | "correlation_id" => Ok(GeneratedField::CorrelationId),
                            "parentCorrelationId" | "parent_correlation_id" => Ok(GeneratedField::ParentCorrelationId),
                            "idempotencyKey" | "idempotency_key" => Ok(GeneratedField::IdempotencyKey),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CreateTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut name__ = None;
                let mut version__ = None;
                let mut context__ = None;
                let mut initiator__ = None;
                let mut source_system__ = None;
                let mut reason__ = None;
                let mut priority__ = None;
                let mut tags__ = None;
                let mut correlation_id__ = None;
                let mut parent_correlation_id__ = None;
                let mut idempotency_key__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Context => {
                            if context__.is_some() {
                                return Err(serde::de::Error::duplicate_field("context"));
                            }
                            context__ = map_.next_value()?;
                        }
                        GeneratedField::Initiator => {
                            if initiator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("initiator"));
                            }
                            initiator__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SourceSystem => {
                            if source_system__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sourceSystem"));
                            }
                            source_system__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Priority => {
                            if priority__.is_some() {
                                return Err(serde::de::Error::duplicate_field("priority"));
                            }
                            priority__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Tags => {
                            if tags__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tags"));
                            }
                            tags__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CorrelationId => {
                            if correlation_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("correlationId"));
                            }
                            correlation_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ParentCorrelationId => {
                            if parent_correlation_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("parentCorrelationId"));
                            }
                            parent_correlation_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::IdempotencyKey => {
                            if idempotency_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("idempotencyKey"));
                            }
                            idempotency_key__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CreateTaskRequest {
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    context: context__,
                    initiator: initiator__.unwrap_or_default(),
                    source_system: source_system__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    priority: priority__.unwrap_or_default(),
                    tags: tags__.unwrap_or_default(),
                    correlation_id: correlation_id__.unwrap_or_default(),
                    parent_correlation_id: parent_correlation_id__.unwrap_or_default(),
                    idempotency_key: idempotency_key__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CreateTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CreateTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.CreateTaskResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CreateTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CreateTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.CreateTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CreateTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                    }
                }
                Ok(CreateTaskResponse {
                    task: task__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.CreateTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CredentialKind {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "CREDENTIAL_KIND_UNSPECIFIED",
            Self::Jwt => "CREDENTIAL_KIND_JWT",
            Self::ApiKey => "CREDENTIAL_KIND_API_KEY",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for CredentialKind {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "CREDENTIAL_KIND_UNSPECIFIED",
            "CREDENTIAL_KIND_JWT",
            "CREDENTIAL_KIND_API_KEY",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CredentialKind;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "CREDENTIAL_KIND_UNSPECIFIED" => Ok(CredentialKind::Unspecified),
                    "CREDENTIAL_KIND_JWT" => Ok(CredentialKind::Jwt),
                    "CREDENTIAL_KIND_API_KEY" => Ok(CredentialKind::ApiKey),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for DeregisterWorkerRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.DeregisterWorkerRequest", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeregisterWorkerRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeregisterWorkerRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.DeregisterWorkerRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeregisterWorkerRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(DeregisterWorkerRequest {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.DeregisterWorkerRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DeregisterWorkerResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.released_claims != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.DeregisterWorkerResponse", len)?;
        if self.released_claims != 0 {
            struct_ser.serialize_field("releasedClaims", &self.released_claims)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeregisterWorkerResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "released_claims",
            "releasedClaims",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ReleasedClaims,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "releasedClaims" | "released_claims" => Ok(GeneratedField::ReleasedClaims),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeregisterWorkerResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.DeregisterWorkerResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeregisterWorkerResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut released_claims__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ReleasedClaims => {
                            if released_claims__.is_some() {
                                return Err(serde::de::Error::duplicate_field("releasedClaims"));
                            }
                            released_claims__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(DeregisterWorkerResponse {
                    released_claims: released_claims__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.DeregisterWorkerResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DetailedHealthRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("tasker.v1.DetailedHealthRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DetailedHealthRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DetailedHealthRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.DetailedHealthRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DetailedHealthRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(DetailedHealthRequest {
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.DetailedHealthRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DetailedHealthResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.status != 0 {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if !self.environment.is_empty() {
            len += 1;
        }
        if self.uptime.is_some() {
            len += 1;
        }
        if !self.components.is_empty() {
            len += 1;
        }
        if self.checked_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.DetailedHealthResponse", len)?;
        if self.status != 0 {
            let v = HealthStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if !self.environment.is_empty() {
            struct_ser.serialize_field("environment", &self.environment)?;
        }
        if let Some(v) = self.uptime.as_ref() {
            struct_ser.serialize_field("uptime", v)?;
        }
        if !self.components.is_empty() {
            struct_ser.serialize_field("components", &self.components)?;
        }
        if let Some(v) = self.checked_at.as_ref() {
            struct_ser.serialize_field("checkedAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DetailedHealthResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "status",
            "version",
            "environment",
            "uptime",
            "components",
            "checked_at",
            "checkedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Status,
            Version,
            Environment,
            Uptime,
            Components,
            CheckedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "status" => Ok(GeneratedField::Status),
                            "version" => Ok(GeneratedField::Version),
                            "environment" => Ok(GeneratedField::Environment),
                            "uptime" => Ok(GeneratedField::Uptime),
                            "components" => Ok(GeneratedField::Components),
                            "checkedAt" | "checked_at" => Ok(GeneratedField::CheckedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DetailedHealthResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.DetailedHealthResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DetailedHealthResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut status__ = None;
                let mut version__ = None;
                let mut environment__ = None;
                let mut uptime__ = None;
                let mut components__ = None;
                let mut checked_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<HealthStatus>()? as i32);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Environment => {
                            if environment__.is_some() {
                                return Err(serde::de::Error::duplicate_field("environment"));
                            }
                            environment__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Uptime => {
                            if uptime__.is_some() {
                                return Err(serde::de::Error::duplicate_field("uptime"));
                            }
                            uptime__ = map_.next_value()?;
                        }
                        GeneratedField::Components => {
                            if components__.is_some() {
                                return Err(serde::de::Error::duplicate_field("components"));
                            }
                            components__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CheckedAt => {
                            if checked_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checkedAt"));
                            }
                            checked_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(DetailedHealthResponse {
                    status: status__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    environment: environment__.unwrap_or_default(),
                    uptime: uptime__,
                    components: components__.unwrap_or_default(),
                    checked_at: checked_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.DetailedHealthResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DlqEntry {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.dlq_entry_uuid.is_empty() {
            len += 1;
        }
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.original_state != 0 {
            len += 1;
        }
        if self.reason != 0 {
            len += 1;
        }
        if self.resolution_status != 0 {
            len += 1;
        }
        if !self.resolution_notes.is_empty() {
            len += 1;
        }
        if !self.resolved_by.is_empty() {
            len += 1;
        }
        if self.metadata.is_some() {
            len += 1;
        }
        if self.task_snapshot.is_some() {
            len += 1;
        }
        if !self.step_uuid.is_empty() {
            len += 1;
        }
        if self.priority != 0 {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        if self.resolved_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.DlqEntry", len)?;
        if !self.dlq_entry_uuid.is_empty() {
            struct_ser.serialize_field("dlqEntryUuid", &self.dlq_entry_uuid)?;
        }
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if self.original_state != 0 {
            let v = TaskState::try_from(self.original_state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.original_state)))?;
            struct_ser.serialize_field("originalState", &v)?;
        }
        if self.reason != 0 {
            let v = DlqReason::try_from(self.reason)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.reason)))?;
            struct_ser.serialize_field("reason", &v)?;
        }
        if self.resolution_status != 0 {
            let v = DlqResolutionStatus::try_from(self.resolution_status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.resolution_status)))?;
            struct_ser.serialize_field("resolutionStatus", &v)?;
        }
        if !self.resolution_notes.is_empty() {
            struct_ser.serialize_field("resolutionNotes", &self.resolution_notes)?;
        }
        if !self.resolved_by.is_empty() {
            struct_ser.serialize_field("resolvedBy", &self.resolved_by)?;
        }
        if let Some(v) = self.metadata.as_ref() {
            struct_ser.serialize_field("metadata", v)?;
        }
        if let Some(v) = self.task_snapshot.as_ref() {
            struct_ser.serialize_field("taskSnapshot", v)?;
        }
        if !self.step_uuid.is_empty() {
            struct_ser.serialize_field("stepUuid", &self.step_uuid)?;
        }
        if self.priority != 0 {
            struct_ser.serialize_field("priority", &self.priority)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("createdAt", v)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updatedAt", v)?;
        }
        if let Some(v) = self.resolved_at.as_ref() {
            struct_ser.serialize_field("resolvedAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DlqEntry {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "dlq_entry_uuid",
            "dlqEntryUuid",
            "task_uuid",
            "taskUuid",
            "namespace",
            "name",
            "version",
            "original_state",
            "originalState",
            "reason",
            "resolution_status",
            "resolutionStatus",
            "resolution_notes",
            "resolutionNotes",
            "resolved_by",
            "resolvedBy",
            "metadata",
            "task_snapshot",
            "taskSnapshot",
            "step_uuid",
            "stepUuid",
            "priority",
            "created_at",
            "createdAt",
            "updated_at",
            "updatedAt",
            "resolved_at",
            "resolvedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DlqEntryUuid,
            TaskUuid,
            Namespace,
            Name,
            Version,
            OriginalState,
            Reason,
            ResolutionStatus,
            ResolutionNotes,
            ResolvedBy,
            Metadata,
            TaskSnapshot,
            StepUuid,
            Priority,
            CreatedAt,
            UpdatedAt,
            ResolvedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "dlqEntryUuid" | "dlq_entry_uuid" => Ok(GeneratedField::DlqEntryUuid),
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            "originalState" | "original_state" => Ok(GeneratedField::OriginalState),
                            "reason" => Ok(GeneratedField::Reason),
                            "resolutionStatus" | "resolution_status" => Ok(GeneratedField::ResolutionStatus),
                            "resolutionNotes" | "resolution_notes" => Ok(GeneratedField::ResolutionNotes),
                            "resolvedBy" | "resolved_by" => Ok(GeneratedField::ResolvedBy),
                            "metadata" => Ok(GeneratedField::Metadata),
                            "taskSnapshot" | "task_snapshot" => Ok(GeneratedField::TaskSnapshot),
                            "stepUuid" | "step_uuid" => Ok(GeneratedField::StepUuid),
                            "priority" => Ok(GeneratedField::Priority),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            "resolvedAt" | "resolved_at" => Ok(GeneratedField::ResolvedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DlqEntry;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.DlqEntry")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DlqEntry, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut dlq_entry_uuid__ = None;
                let mut task_uuid__ = None;
                let mut namespace__ = None;
                let mut name__ = None;
                let mut version__ = None;
                let mut original_state__ = None;
                let mut reason__ = None;
                let mut resolution_status__ = None;
                let mut resolution_notes__ = None;
                let mut resolved_by__ = None;
                let mut metadata__ = None;
                let mut task_snapshot__ = None;
                let mut step_uuid__ = None;
                let mut priority__ = None;
                let mut created_at__ = None;
                let mut updated_at__ = None;
                let mut resolved_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DlqEntryUuid => {
                            if dlq_entry_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dlqEntryUuid"));
                            }
                            dlq_entry_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::OriginalState => {
                            if original_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("originalState"));
                            }
                            original_state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value::<DlqReason>()? as i32);
                        }
                        GeneratedField::ResolutionStatus => {
                            if resolution_status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resolutionStatus"));
                            }
                            resolution_status__ = Some(map_.next_value::<DlqResolutionStatus>()? as i32);
                        }
                        GeneratedField::ResolutionNotes => {
                            if resolution_notes__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resolutionNotes"));
                            }
                            resolution_notes__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ResolvedBy => {
                            if resolved_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resolvedBy"));
                            }
                            resolved_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Metadata => {
                            if metadata__.is_some() {
                                return Err(serde::de::Error::duplicate_field("metadata"));
                            }
                            metadata__ = map_.next_value()?;
                        }
                        GeneratedField::TaskSnapshot => {
                            if task_snapshot__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskSnapshot"));
                            }
                            task_snapshot__ = map_.next_value()?;
                        }
                        GeneratedField::StepUuid => {
                            if step_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepUuid"));
                            }
                            step_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Priority => {
                            if priority__.is_some() {
                                return Err(serde::de::Error::duplicate_field("priority"));
                            }
                            priority__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                        GeneratedField::ResolvedAt => {
                            if resolved_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resolvedAt"));
                            }
                            resolved_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(DlqEntry {
                    dlq_entry_uuid: dlq_entry_uuid__.unwrap_or_default(),
                    task_uuid: task_uuid__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    original_state: original_state__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    resolution_status: resolution_status__.unwrap_or_default(),
                    resolution_notes: resolution_notes__.unwrap_or_default(),
                    resolved_by: resolved_by__.unwrap_or_default(),
                    metadata: metadata__,
                    task_snapshot: task_snapshot__,
                    step_uuid: step_uuid__.unwrap_or_default(),
                    priority: priority__.unwrap_or_default(),
                    created_at: created_at__,
                    updated_at: updated_at__,
                    resolved_at: resolved_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.DlqEntry", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DlqReason {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "DLQ_REASON_UNSPECIFIED",
            Self::StalenessTimeout => "DLQ_REASON_STALENESS_TIMEOUT",
            Self::MaxRetriesExceeded => "DLQ_REASON_MAX_RETRIES_EXCEEDED",
            Self::DependencyCycleDetected => "DLQ_REASON_DEPENDENCY_CYCLE_DETECTED",
            Self::WorkerUnavailable => "DLQ_REASON_WORKER_UNAVAILABLE",
            Self::ManualDlq => "DLQ_REASON_MANUAL_DLQ",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for DlqReason {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "DLQ_REASON_UNSPECIFIED",
            "DLQ_REASON_STALENESS_TIMEOUT",
            "DLQ_REASON_MAX_RETRIES_EXCEEDED",
            "DLQ_REASON_DEPENDENCY_CYCLE_DETECTED",
            "DLQ_REASON_WORKER_UNAVAILABLE",
            "DLQ_REASON_MANUAL_DLQ",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DlqReason;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "DLQ_REASON_UNSPECIFIED" => Ok(DlqReason::Unspecified),
                    "DLQ_REASON_STALENESS_TIMEOUT" => Ok(DlqReason::StalenessTimeout),
                    "DLQ_REASON_MAX_RETRIES_EXCEEDED" => Ok(DlqReason::MaxRetriesExceeded),
                    "DLQ_REASON_DEPENDENCY_CYCLE_DETECTED" => Ok(DlqReason::DependencyCycleDetected),
                    "DLQ_REASON_WORKER_UNAVAILABLE" => Ok(DlqReason::WorkerUnavailable),
                    "DLQ_REASON_MANUAL_DLQ" => Ok(DlqReason::ManualDlq),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for DlqReasonStats {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.reason != 0 {
            len += 1;
        }
        if self.total != 0 {
            len += 1;
        }
        if self.pending != 0 {
            len += 1;
        }
        if self.manually_resolved != 0 {
            len += 1;
        }
        if self.permanently_failed != 0 {
            len += 1;
        }
        if self.cancelled != 0 {
            len += 1;
        }
        if self.average_resolution_time.is_some() {
            len += 1;
        }
        if self.oldest_pending_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.DlqReasonStats", len)?;
        if self.reason != 0 {
            let v = DlqReason::try_from(self.reason)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.reason)))?;
            struct_ser.serialize_field("reason", &v)?;
        }
        if self.total != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("total", ToString::to_string(&self.total).as_str())?;
        }
        if self.pending != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("pending", ToString::to_string(&self.pending).as_str())?;
        }
        if self.manually_resolved != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("manuallyResolved", ToString::to_string(&self.manually_resolved).as_str())?;
        }
        if self.permanently_failed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("permanentlyFailed", ToString::to_string(&self.permanently_failed).as_str())?;
        }
        if self.cancelled != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("cancelled", ToString::to_string(&self.cancelled).as_str())?;
        }
        if let Some(v) = self.average_resolution_time.as_ref() {
            struct_ser.serialize_field("averageResolutionTime", v)?;
        }
        if let Some(v) = self.oldest_pending_at.as_ref() {
            struct_ser.serialize_field("oldestPendingAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DlqReasonStats {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "reason",
            "total",
            "pending",
            "manually_resolved",
            "manuallyResolved",
            "permanently_failed",
            "permanentlyFailed",
            "cancelled",
            "average_resolution_time",
            "averageResolutionTime",
            "oldest_pending_at",
            "oldestPendingAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Reason,
            Total,
            Pending,
            ManuallyResolved,
            PermanentlyFailed,
            Cancelled,
            AverageResolutionTime,
            OldestPendingAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "reason" => Ok(GeneratedField::Reason),
                            "total" => Ok(GeneratedField::Total),
                            "pending" => Ok(GeneratedField::Pending),
                            "manuallyResolved" | "manually_resolved" => Ok(GeneratedField::ManuallyResolved),
                            "permanentlyFailed" | "permanently_failed" => Ok(GeneratedField::PermanentlyFailed),
                            "cancelled" => Ok(GeneratedField::Cancelled),
                            "averageResolutionTime" | "average_resolution_time" => Ok(GeneratedField::AverageResolutionTime),
                            "oldestPendingAt" | "oldest_pending_at" => Ok(GeneratedField::OldestPendingAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DlqReasonStats;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.DlqReasonStats")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DlqReasonStats, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut reason__ = None;
                let mut total__ = None;
                let mut pending__ = None;
                let mut manually_resolved__ = None;
                let mut permanently_failed__ = None;
                let mut cancelled__ = None;
                let mut average_resolution_time__ = None;
                let mut oldest_pending_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value::<DlqReason>()? as i32);
                        }
                        GeneratedField::Total => {
                            if total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("total"));
                            }
                            total__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Pending => {
                            if pending__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pending"));
                            }
                            pending__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ManuallyResolved => {
                            if manually_resolved__.is_some() {
                                return Err(serde::de::Error::duplicate_field("manuallyResolved"));
                            }
                            manually_resolved__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PermanentlyFailed => {
                            if permanently_failed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("permanentlyFailed"));
                            }
                            permanently_failed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Cancelled => {
                            if cancelled__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelled"));
                            }
                            cancelled__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::AverageResolutionTime => {
                            if average_resolution_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("averageResolutionTime"));
                            }
                            average_resolution_time__ = map_.next_value()?;
                        }
                        GeneratedField::OldestPendingAt => {
                            if oldest_pending_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("oldestPendingAt"));
                            }
                            oldest_pending_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(DlqReasonStats {
                    reason: reason__.unwrap_or_default(),
                    total: total__.unwrap_or_default(),
                    pending: pending__.unwrap_or_default(),
                    manually_resolved: manually_resolved__.unwrap_or_default(),
                    permanently_failed: permanently_failed__.unwrap_or_default(),
                    cancelled: cancelled__.unwrap_or_default(),
                    average_resolution_time: average_resolution_time__,
                    oldest_pending_at: oldest_pending_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.DlqReasonStats", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DlqResolutionStatus {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "DLQ_RESOLUTION_STATUS_UNSPECIFIED",
            Self::Pending => "DLQ_RESOLUTION_STATUS_PENDING",
            Self::ManuallyResolved => "DLQ_RESOLUTION_STATUS_MANUALLY_RESOLVED",
            Self::PermanentlyFailed => "DLQ_RESOLUTION_STATUS_PERMANENTLY_FAILED",
            Self::Cancelled => "DLQ_RESOLUTION_STATUS_CANCELLED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for DlqResolutionStatus {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "DLQ_RESOLUTION_STATUS_UNSPECIFIED",
            "DLQ_RESOLUTION_STATUS_PENDING",
            "DLQ_RESOLUTION_STATUS_MANUALLY_RESOLVED",
            "DLQ_RESOLUTION_STATUS_PERMANENTLY_FAILED",
            "DLQ_RESOLUTION_STATUS_CANCELLED",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DlqResolutionStatus;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "DLQ_RESOLUTION_STATUS_UNSPECIFIED" => Ok(DlqResolutionStatus::Unspecified),
                    "DLQ_RESOLUTION_STATUS_PENDING" => Ok(DlqResolutionStatus::Pending),
                    "DLQ_RESOLUTION_STATUS_MANUALLY_RESOLVED" => Ok(DlqResolutionStatus::ManuallyResolved),
                    "DLQ_RESOLUTION_STATUS_PERMANENTLY_FAILED" => Ok(DlqResolutionStatus::PermanentlyFailed),
                    "DLQ_RESOLUTION_STATUS_CANCELLED" => Ok(DlqResolutionStatus::Cancelled),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for DurationStats {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.count != 0 {
            len += 1;
        }
        if self.mean.is_some() {
            len += 1;
        }
        if self.p50.is_some() {
            len += 1;
        }
        if self.p95.is_some() {
            len += 1;
        }
        if self.p99.is_some() {
            len += 1;
        }
        if self.max.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.DurationStats", len)?;
        if self.count != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("count", ToString::to_string(&self.count).as_str())?;
        }
        if let Some(v) = self.mean.as_ref() {
            struct_ser.serialize_field("mean", v)?;
        }
        if let Some(v) = self.p50.as_ref() {
            struct_ser.serialize_field("p50", v)?;
        }
        if let Some(v) = self.p95.as_ref() {
            struct_ser.serialize_field("p95", v)?;
        }
        if let Some(v) = self.p99.as_ref() {
            struct_ser.serialize_field("p99", v)?;
        }
        if let Some(v) = self.max.as_ref() {
            struct_ser.serialize_field("max", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DurationStats {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "count",
            "mean",
            "p50",
            "p95",
            "p99",
            "max",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Count,
            Mean,
            P50,
            P95,
            P99,
            Max,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "count" => Ok(GeneratedField::Count),
                            "mean" => Ok(GeneratedField::Mean),
                            "p50" => Ok(GeneratedField::P50),
                            "p95" => Ok(GeneratedField::P95),
                            "p99" => Ok(GeneratedField::P99),
                            "max" => Ok(GeneratedField::Max),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DurationStats;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.DurationStats")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DurationStats, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut count__ = None;
                let mut mean__ = None;
                let mut p50__ = None;
                let mut p95__ = None;
                let mut p99__ = None;
                let mut max__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Count => {
                            if count__.is_some() {
                                return Err(serde::de::Error::duplicate_field("count"));
                            }
                            count__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Mean => {
                            if mean__.is_some() {
                                return Err(serde::de::Error::duplicate_field("mean"));
                            }
                            mean__ = map_.next_value()?;
                        }
                        GeneratedField::P50 => {
                            if p50__.is_some() {
                                return Err(serde::de::Error::duplicate_field("p50"));
                            }
                            p50__ = map_.next_value()?;
                        }
                        GeneratedField::P95 => {
                            if p95__.is_some() {
                                return Err(serde::de::Error::duplicate_field("p95"));
                            }
                            p95__ = map_.next_value()?;
                        }
                        GeneratedField::P99 => {
                            if p99__.is_some() {
                                return Err(serde::de::Error::duplicate_field("p99"));
                            }
                            p99__ = map_.next_value()?;
                        }
                        GeneratedField::Max => {
                            if max__.is_some() {
                                return Err(serde::de::Error::duplicate_field("max"));
                            }
                            max__ = map_.next_value()?;
                        }
                    }
                }
                Ok(DurationStats {
                    count: count__.unwrap_or_default(),
                    mean: mean__,
                    p50: p50__,
                    p95: p95__,
                    p99: p99__,
                    max: max__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.DurationStats", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for FailStepRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if !self.claim_uuid.is_empty() {
            len += 1;
        }
        if self.error.is_some() {
            len += 1;
        }
        if self.execution_duration.is_some() {
            len += 1;
        }
        if self.retry_after.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.FailStepRequest", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if !self.claim_uuid.is_empty() {
            struct_ser.serialize_field("claimUuid", &self.claim_uuid)?;
        }
        if let Some(v) = self.error.as_ref() {
            struct_ser.serialize_field("error", v)?;
        }
        if let Some(v) = self.execution_duration.as_ref() {
            struct_ser.serialize_field("executionDuration", v)?;
        }
        if let Some(v) = self.retry_after.as_ref() {
            struct_ser.serialize_field("retryAfter", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for FailStepRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
            "claim_uuid",
            "claimUuid",
            "error",
            "execution_duration",
            "executionDuration",
            "retry_after",
            "retryAfter",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
            ClaimUuid,
            Error,
            ExecutionDuration,
            RetryAfter,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "claimUuid" | "claim_uuid" => Ok(GeneratedField::ClaimUuid),
                            "error" => Ok(GeneratedField::Error),
                            "executionDuration" | "execution_duration" => Ok(GeneratedField::ExecutionDuration),
                            "retryAfter" | "retry_after" => Ok(GeneratedField::RetryAfter),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = FailStepRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.FailStepRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<FailStepRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                let mut claim_uuid__ = None;
                let mut error__ = None;
                let mut execution_duration__ = None;
                let mut retry_after__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ClaimUuid => {
                            if claim_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimUuid"));
                            }
                            claim_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Error => {
                            if error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("error"));
                            }
                            error__ = map_.next_value()?;
                        }
                        GeneratedField::ExecutionDuration => {
                            if execution_duration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("executionDuration"));
                            }
                            execution_duration__ = map_.next_value()?;
                        }
                        GeneratedField::RetryAfter => {
                            if retry_after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryAfter"));
                            }
                            retry_after__ = map_.next_value()?;
                        }
                    }
                }
                Ok(FailStepRequest {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    claim_uuid: claim_uuid__.unwrap_or_default(),
                    error: error__,
                    execution_duration: execution_duration__,
                    retry_after: retry_after__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.FailStepRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for FailStepResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.step.is_some() {
            len += 1;
        }
        if self.will_retry {
            len += 1;
        }
        if self.next_retry_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.FailStepResponse", len)?;
        if let Some(v) = self.step.as_ref() {
            struct_ser.serialize_field("step", v)?;
        }
        if self.will_retry {
            struct_ser.serialize_field("willRetry", &self.will_retry)?;
        }
        if let Some(v) = self.next_retry_at.as_ref() {
            struct_ser.serialize_field("nextRetryAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for FailStepResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "step",
            "will_retry",
            "willRetry",
            "next_retry_at",
            "nextRetryAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Step,
            WillRetry,
            NextRetryAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "step" => Ok(GeneratedField::Step),
                            "willRetry" | "will_retry" => Ok(GeneratedField::WillRetry),
                            "nextRetryAt" | "next_retry_at" => Ok(GeneratedField::NextRetryAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = FailStepResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.FailStepResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<FailStepResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut step__ = None;
                let mut will_retry__ = None;
                let mut next_retry_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Step => {
                            if step__.is_some() {
                                return Err(serde::de::Error::duplicate_field("step"));
                            }
                            step__ = map_.next_value()?;
                        }
                        GeneratedField::WillRetry => {
                            if will_retry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("willRetry"));
                            }
                            will_retry__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextRetryAt => {
                            if next_retry_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextRetryAt"));
                            }
                            next_retry_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(FailStepResponse {
                    step: step__,
                    will_retry: will_retry__.unwrap_or_default(),
                    next_retry_at: next_retry_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.FailStepResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetBottleneckAnalysisRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.start_time.is_some() {
            len += 1;
        }
        if self.end_time.is_some() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if self.limit != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetBottleneckAnalysisRequest", len)?;
        if let Some(v) = self.start_time.as_ref() {
            struct_ser.serialize_field("startTime", v)?;
        }
        if let Some(v) = self.end_time.as_ref() {
            struct_ser.serialize_field("endTime", v)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if self.limit != 0 {
            struct_ser.serialize_field("limit", &self.limit)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetBottleneckAnalysisRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "start_time",
            "startTime",
            "end_time",
            "endTime",
            "namespace",
            "limit",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            StartTime,
            EndTime,
            Namespace,
            Limit,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "startTime" | "start_time" => Ok(GeneratedField::StartTime),
                            "endTime" | "end_time" => Ok(GeneratedField::EndTime),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "limit" => Ok(GeneratedField::Limit),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetBottleneckAnalysisRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetBottleneckAnalysisRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetBottleneckAnalysisRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut start_time__ = None;
                let mut end_time__ = None;
                let mut namespace__ = None;
                let mut limit__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::StartTime => {
                            if start_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startTime"));
                            }
                            start_time__ = map_.next_value()?;
                        }
                        GeneratedField::EndTime => {
                            if end_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endTime"));
                            }
                            end_time__ = map_.next_value()?;
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Limit => {
                            if limit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("limit"));
                            }
                            limit__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(GetBottleneckAnalysisRequest {
                    start_time: start_time__,
                    end_time: end_time__,
                    namespace: namespace__.unwrap_or_default(),
                    limit: limit__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetBottleneckAnalysisRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetBottleneckAnalysisResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.start_time.is_some() {
            len += 1;
        }
        if self.end_time.is_some() {
            len += 1;
        }
        if !self.slow_steps.is_empty() {
            len += 1;
        }
        if !self.slow_tasks.is_empty() {
            len += 1;
        }
        if !self.retry_hot_spots.is_empty() {
            len += 1;
        }
        if self.resources.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetBottleneckAnalysisResponse", len)?;
        if let Some(v) = self.start_time.as_ref() {
            struct_ser.serialize_field("startTime", v)?;
        }
        if let Some(v) = self.end_time.as_ref() {
            struct_ser.serialize_field("endTime", v)?;
        }
        if !self.slow_steps.is_empty() {
            struct_ser.serialize_field("slowSteps", &self.slow_steps)?;
        }
        if !self.slow_tasks.is_empty() {
            struct_ser.serialize_field("slowTasks", &self.slow_tasks)?;
        }
        if !self.retry_hot_spots.is_empty() {
            struct_ser.serialize_field("retryHotSpots", &self.retry_hot_spots)?;
        }
        if let Some(v) = self.resources.as_ref() {
            struct_ser.serialize_field("resources", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetBottleneckAnalysisResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "start_time",
            "startTime",
            "end_time",
            "endTime",
            "slow_steps",
            "slowSteps",
            "slow_tasks",
            "slowTasks",
            "retry_hot_spots",
            "retryHotSpots",
            "resources",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            StartTime,
            EndTime,
            SlowSteps,
            SlowTasks,
            RetryHotSpots,
            Resources,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "startTime" | "start_time" => Ok(GeneratedField::StartTime),
                            "endTime" | "end_time" => Ok(GeneratedField::EndTime),
                            "slowSteps" | "slow_steps" => Ok(GeneratedField::SlowSteps),
                            "slowTasks" | "slow_tasks" => Ok(GeneratedField::SlowTasks),
                            "retryHotSpots" | "retry_hot_spots" => Ok(GeneratedField::RetryHotSpots),
                            "resources" => Ok(GeneratedField::Resources),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetBottleneckAnalysisResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetBottleneckAnalysisResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetBottleneckAnalysisResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut start_time__ = None;
                let mut end_time__ = None;
                let mut slow_steps__ = None;
                let mut slow_tasks__ = None;
                let mut retry_hot_spots__ = None;
                let mut resources__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::StartTime => {
                            if start_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startTime"));
                            }
                            start_time__ = map_.next_value()?;
                        }
                        GeneratedField::EndTime => {
                            if end_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endTime"));
                            }
                            end_time__ = map_.next_value()?;
                        }
                        GeneratedField::SlowSteps => {
                            if slow_steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("slowSteps"));
                            }
                            slow_steps__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SlowTasks => {
                            if slow_tasks__.is_some() {
                                return Err(serde::de::Error::duplicate_field("slowTasks"));
                            }
                            slow_tasks__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RetryHotSpots => {
                            if retry_hot_spots__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryHotSpots"));
                            }
                            retry_hot_spots__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Resources => {
                            if resources__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resources"));
                            }
                            resources__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetBottleneckAnalysisResponse {
                    start_time: start_time__,
                    end_time: end_time__,
                    slow_steps: slow_steps__.unwrap_or_default(),
                    slow_tasks: slow_tasks__.unwrap_or_default(),
                    retry_hot_spots: retry_hot_spots__.unwrap_or_default(),
                    resources: resources__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetBottleneckAnalysisResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetConfigRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("tasker.v1.GetConfigRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetConfigRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetConfigRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetConfigRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetConfigRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(GetConfigRequest {
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetConfigRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetConfigResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.environment.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.config.is_some() {
            len += 1;
        }
        if !self.redacted_fields.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetConfigResponse", len)?;
        if !self.environment.is_empty() {
            struct_ser.serialize_field("environment", &self.environment)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if let Some(v) = self.config.as_ref() {
            struct_ser.serialize_field("config", v)?;
        }
        if !self.redacted_fields.is_empty() {
            struct_ser.serialize_field("redactedFields", &self.redacted_fields)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetConfigResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "environment",
            "version",
            "config",
            "redacted_fields",
            "redactedFields",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Environment,
            Version,
            Config,
            RedactedFields,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "environment" => Ok(GeneratedField::Environment),
                            "version" => Ok(GeneratedField::Version),
                            "config" => Ok(GeneratedField::Config),
                            "redactedFields" | "redacted_fields" => Ok(GeneratedField::RedactedFields),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetConfigResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetConfigResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetConfigResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut environment__ = None;
                let mut version__ = None;
                let mut config__ = None;
                let mut redacted_fields__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Environment => {
                            if environment__.is_some() {
                                return Err(serde::de::Error::duplicate_field("environment"));
                            }
                            environment__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Config => {
                            if config__.is_some() {
                                return Err(serde::de::Error::duplicate_field("config"));
                            }
                            config__ = map_.next_value()?;
                        }
                        GeneratedField::RedactedFields => {
                            if redacted_fields__.is_some() {
                                return Err(serde::de::Error::duplicate_field("redactedFields"));
                            }
                            redacted_fields__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetConfigResponse {
                    environment: environment__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    config: config__,
                    redacted_fields: redacted_fields__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetConfigResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetEntryByTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetEntryByTaskRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetEntryByTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetEntryByTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetEntryByTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetEntryByTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetEntryByTaskRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetEntryByTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetEntryByTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.entry.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetEntryByTaskResponse", len)?;
        if let Some(v) = self.entry.as_ref() {
            struct_ser.serialize_field("entry", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetEntryByTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "entry",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Entry,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "entry" => Ok(GeneratedField::Entry),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetEntryByTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetEntryByTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetEntryByTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut entry__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Entry => {
                            if entry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("entry"));
                            }
                            entry__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetEntryByTaskResponse {
                    entry: entry__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetEntryByTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetInvestigationQueueRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetInvestigationQueueRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetInvestigationQueueRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetInvestigationQueueRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetInvestigationQueueRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetInvestigationQueueRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetInvestigationQueueRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetInvestigationQueueRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetInvestigationQueueResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.items.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetInvestigationQueueResponse", len)?;
        if !self.items.is_empty() {
            struct_ser.serialize_field("items", &self.items)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetInvestigationQueueResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "items",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Items,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "items" => Ok(GeneratedField::Items),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetInvestigationQueueResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetInvestigationQueueResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetInvestigationQueueResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut items__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Items => {
                            if items__.is_some() {
                                return Err(serde::de::Error::duplicate_field("items"));
                            }
                            items__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetInvestigationQueueResponse {
                    items: items__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetInvestigationQueueResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetPerformanceMetricsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.start_time.is_some() {
            len += 1;
        }
        if self.end_time.is_some() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetPerformanceMetricsRequest", len)?;
        if let Some(v) = self.start_time.as_ref() {
            struct_ser.serialize_field("startTime", v)?;
        }
        if let Some(v) = self.end_time.as_ref() {
            struct_ser.serialize_field("endTime", v)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetPerformanceMetricsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "start_time",
            "startTime",
            "end_time",
            "endTime",
            "namespace",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            StartTime,
            EndTime,
            Namespace,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "startTime" | "start_time" => Ok(GeneratedField::StartTime),
                            "endTime" | "end_time" => Ok(GeneratedField::EndTime),
                            "namespace" => Ok(GeneratedField::Namespace),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetPerformanceMetricsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetPerformanceMetricsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetPerformanceMetricsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut start_time__ = None;
                let mut end_time__ = None;
                let mut namespace__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::StartTime => {
                            if start_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startTime"));
                            }
                            start_time__ = map_.next_value()?;
                        }
                        GeneratedField::EndTime => {
                            if end_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endTime"));
                            }
                            end_time__ = map_.next_value()?;
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetPerformanceMetricsRequest {
                    start_time: start_time__,
                    end_time: end_time__,
                    namespace: namespace__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetPerformanceMetricsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetPerformanceMetricsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.start_time.is_some() {
            len += 1;
        }
        if self.end_time.is_some() {
            len += 1;
        }
        if self.tasks_created != 0 {
            len += 1;
        }
        if self.tasks_completed != 0 {
            len += 1;
        }
        if self.tasks_failed != 0 {
            len += 1;
        }
        if self.tasks_cancelled != 0 {
            len += 1;
        }
        if self.active_tasks != 0 {
            len += 1;
        }
        if self.completion_rate != 0. {
            len += 1;
        }
        if self.error_rate != 0. {
            len += 1;
        }
        if self.tasks_per_second != 0. {
            len += 1;
        }
        if self.steps_completed != 0 {
            len += 1;
        }
        if self.task_duration.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetPerformanceMetricsResponse", len)?;
        if let Some(v) = self.start_time.as_ref() {
            struct_ser.serialize_field("startTime", v)?;
        }
        if let Some(v) = self.end_time.as_ref() {
            struct_ser.serialize_field("endTime", v)?;
        }
        if self.tasks_created != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("tasksCreated", ToString::to_string(&self.tasks_created).as_str())?;
        }
        if self.tasks_completed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("tasksCompleted", ToString::to_string(&self.tasks_completed).as_str())?;
        }
        if self.tasks_failed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("tasksFailed", ToString::to_string(&self.tasks_failed).as_str())?;
        }
        if self.tasks_cancelled != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("tasksCancelled", ToString::to_string(&self.tasks_cancelled).as_str())?;
        }
        if self.active_tasks != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("activeTasks", ToString::to_string(&self.active_tasks).as_str())?;
        }
        if self.completion_rate != 0. {
            struct_ser.serialize_field("completionRate", &self.completion_rate)?;
        }
        if self.error_rate != 0. {
            struct_ser.serialize_field("errorRate", &self.error_rate)?;
        }
        if self.tasks_per_second != 0. {
            struct_ser.serialize_field("tasksPerSecond", &self.tasks_per_second)?;
        }
        if self.steps_completed != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("stepsCompleted", ToString::to_string(&self.steps_completed).as_str())?;
        }
        if let Some(v) = self.task_duration.as_ref() {
            struct_ser.serialize_field("taskDuration", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetPerformanceMetricsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "start_time",
            "startTime",
            "end_time",
            "endTime",
            "tasks_created",
            "tasksCreated",
            "tasks_completed",
            "tasksCompleted",
            "tasks_failed",
            "tasksFailed",
            "tasks_cancelled",
            "tasksCancelled",
            "active_tasks",
            "activeTasks",
            "completion_rate",
            "completionRate",
            "error_rate",
            "errorRate",
            "tasks_per_second",
            "tasksPerSecond",
            "steps_completed",
            "stepsCompleted",
            "task_duration",
            "taskDuration",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            StartTime,
            EndTime,
            TasksCreated,
            TasksCompleted,
            TasksFailed,
            TasksCancelled,
            ActiveTasks,
            CompletionRate,
            ErrorRate,
            TasksPerSecond,
            StepsCompleted,
            TaskDuration,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "startTime" | "start_time" => Ok(GeneratedField::StartTime),
                            "endTime" | "end_time" => Ok(GeneratedField::EndTime),
                            "tasksCreated" | "tasks_created" => Ok(GeneratedField::TasksCreated),
                            "tasksCompleted" | "tasks_completed" => Ok(GeneratedField::TasksCompleted),
                            "tasksFailed" | "tasks_failed" => Ok(GeneratedField::TasksFailed),
                            "tasksCancelled" | "tasks_cancelled" => Ok(GeneratedField::TasksCancelled),
                            "activeTasks" | "active_tasks" => Ok(GeneratedField::ActiveTasks),
                            "completionRate" | "completion_rate" => Ok(GeneratedField::CompletionRate),
                            "errorRate" | "error_rate" => Ok(GeneratedField::ErrorRate),
                            "tasksPerSecond" | "tasks_per_second" => Ok(GeneratedField::TasksPerSecond),
                            "stepsCompleted" | "steps_completed" => Ok(GeneratedField::StepsCompleted),
                            "taskDuration" | "task_duration" => Ok(GeneratedField::TaskDuration),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetPerformanceMetricsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetPerformanceMetricsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetPerformanceMetricsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut start_time__ = None;
                let mut end_time__ = None;
                let mut tasks_created__ = None;
                let mut tasks_completed__ = None;
                let mut tasks_failed__ = None;
                let mut tasks_cancelled__ = None;
                let mut active_tasks__ = None;
                let mut completion_rate__ = None;
                let mut error_rate__ = None;
                let mut tasks_per_second__ = None;
                let mut steps_completed__ = None;
                let mut task_duration__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::StartTime => {
                            if start_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("startTime"));
                            }
                            start_time__ = map_.next_value()?;
                        }
                        GeneratedField::EndTime => {
                            if end_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("endTime"));
                            }
                            end_time__ = map_.next_value()?;
                        }
                        GeneratedField::TasksCreated => {
                            if tasks_created__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tasksCreated"));
                            }
                            tasks_created__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::TasksCompleted => {
                            if tasks_completed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tasksCompleted"));
                            }
                            tasks_completed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::TasksFailed => {
                            if tasks_failed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tasksFailed"));
                            }
                            tasks_failed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::TasksCancelled => {
                            if tasks_cancelled__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tasksCancelled"));
                            }
                            tasks_cancelled__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ActiveTasks => {
                            if active_tasks__.is_some() {
                                return Err(serde::de::Error::duplicate_field("activeTasks"));
                            }
                            active_tasks__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::CompletionRate => {
                            if completion_rate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("completionRate"));
                            }
                            completion_rate__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ErrorRate => {
                            if error_rate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errorRate"));
                            }
                            error_rate__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::TasksPerSecond => {
                            if tasks_per_second__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tasksPerSecond"));
                            }
                            tasks_per_second__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::StepsCompleted => {
                            if steps_completed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepsCompleted"));
                            }
                            steps_completed__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::TaskDuration => {
                            if task_duration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskDuration"));
                            }
                            task_duration__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetPerformanceMetricsResponse {
                    start_time: start_time__,
                    end_time: end_time__,
                    tasks_created: tasks_created__.unwrap_or_default(),
                    tasks_completed: tasks_completed__.unwrap_or_default(),
                    tasks_failed: tasks_failed__.unwrap_or_default(),
                    tasks_cancelled: tasks_cancelled__.unwrap_or_default(),
                    active_tasks: active_tasks__.unwrap_or_default(),
                    completion_rate: completion_rate__.unwrap_or_default(),
                    error_rate: error_rate__.unwrap_or_default(),
                    tasks_per_second: tasks_per_second__.unwrap_or_default(),
                    steps_completed: steps_completed__.unwrap_or_default(),
                    task_duration: task_duration__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetPerformanceMetricsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStalenessMonitoringRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if self.min_health != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStalenessMonitoringRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        if self.min_health != 0 {
            let v = StalenessHealth::try_from(self.min_health)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.min_health)))?;
            struct_ser.serialize_field("minHealth", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStalenessMonitoringRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "min_health",
            "minHealth",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            MinHealth,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "minHealth" | "min_health" => Ok(GeneratedField::MinHealth),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStalenessMonitoringRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStalenessMonitoringRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStalenessMonitoringRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut min_health__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MinHealth => {
                            if min_health__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minHealth"));
                            }
                            min_health__ = Some(map_.next_value::<StalenessHealth>()? as i32);
                        }
                    }
                }
                Ok(GetStalenessMonitoringRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    min_health: min_health__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStalenessMonitoringRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStalenessMonitoringResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.records.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStalenessMonitoringResponse", len)?;
        if !self.records.is_empty() {
            struct_ser.serialize_field("records", &self.records)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStalenessMonitoringResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "records",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Records,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "records" => Ok(GeneratedField::Records),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStalenessMonitoringResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStalenessMonitoringResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStalenessMonitoringResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut records__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Records => {
                            if records__.is_some() {
                                return Err(serde::de::Error::duplicate_field("records"));
                            }
                            records__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetStalenessMonitoringResponse {
                    records: records__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStalenessMonitoringResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStatsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.since.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStatsRequest", len)?;
        if let Some(v) = self.since.as_ref() {
            struct_ser.serialize_field("since", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStatsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "since",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Since,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "since" => Ok(GeneratedField::Since),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStatsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStatsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStatsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut since__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Since => {
                            if since__.is_some() {
                                return Err(serde::de::Error::duplicate_field("since"));
                            }
                            since__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetStatsRequest {
                    since: since__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStatsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStatsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.by_reason.is_empty() {
            len += 1;
        }
        if self.total != 0 {
            len += 1;
        }
        if self.pending != 0 {
            len += 1;
        }
        if self.average_resolution_time.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStatsResponse", len)?;
        if !self.by_reason.is_empty() {
            struct_ser.serialize_field("byReason", &self.by_reason)?;
        }
        if self.total != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("total", ToString::to_string(&self.total).as_str())?;
        }
        if self.pending != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("pending", ToString::to_string(&self.pending).as_str())?;
        }
        if let Some(v) = self.average_resolution_time.as_ref() {
            struct_ser.serialize_field("averageResolutionTime", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStatsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "by_reason",
            "byReason",
            "total",
            "pending",
            "average_resolution_time",
            "averageResolutionTime",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ByReason,
            Total,
            Pending,
            AverageResolutionTime,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "byReason" | "by_reason" => Ok(GeneratedField::ByReason),
                            "total" => Ok(GeneratedField::Total),
                            "pending" => Ok(GeneratedField::Pending),
                            "averageResolutionTime" | "average_resolution_time" => Ok(GeneratedField::AverageResolutionTime),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStatsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStatsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStatsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut by_reason__ = None;
                let mut total__ = None;
                let mut pending__ = None;
                let mut average_resolution_time__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ByReason => {
                            if by_reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("byReason"));
                            }
                            by_reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Total => {
                            if total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("total"));
                            }
                            total__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Pending => {
                            if pending__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pending"));
                            }
                            pending__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::AverageResolutionTime => {
                            if average_resolution_time__.is_some() {
                                return Err(serde::de::Error::duplicate_field("averageResolutionTime"));
                            }
                            average_resolution_time__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetStatsResponse {
                    by_reason: by_reason__.unwrap_or_default(),
                    total: total__.unwrap_or_default(),
                    pending: pending__.unwrap_or_default(),
                    average_resolution_time: average_resolution_time__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStatsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStepAuditRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.step_uuid.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStepAuditRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.step_uuid.is_empty() {
            struct_ser.serialize_field("stepUuid", &self.step_uuid)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStepAuditRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "step_uuid",
            "stepUuid",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            StepUuid,
            PageSize,
            PageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "stepUuid" | "step_uuid" => Ok(GeneratedField::StepUuid),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStepAuditRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStepAuditRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStepAuditRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut step_uuid__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepUuid => {
                            if step_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepUuid"));
                            }
                            step_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetStepAuditRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    step_uuid: step_uuid__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStepAuditRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStepAuditResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.records.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStepAuditResponse", len)?;
        if !self.records.is_empty() {
            struct_ser.serialize_field("records", &self.records)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStepAuditResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "records",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Records,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "records" => Ok(GeneratedField::Records),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStepAuditResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStepAuditResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStepAuditResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut records__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Records => {
                            if records__.is_some() {
                                return Err(serde::de::Error::duplicate_field("records"));
                            }
                            records__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetStepAuditResponse {
                    records: records__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStepAuditResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStepRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.step_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStepRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.step_uuid.is_empty() {
            struct_ser.serialize_field("stepUuid", &self.step_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStepRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "step_uuid",
            "stepUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            StepUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "stepUuid" | "step_uuid" => Ok(GeneratedField::StepUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStepRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStepRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStepRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut step_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepUuid => {
                            if step_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepUuid"));
                            }
                            step_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetStepRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    step_uuid: step_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStepRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetStepResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.step.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetStepResponse", len)?;
        if let Some(v) = self.step.as_ref() {
            struct_ser.serialize_field("step", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetStepResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "step",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Step,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "step" => Ok(GeneratedField::Step),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetStepResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetStepResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetStepResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut step__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Step => {
                            if step__.is_some() {
                                return Err(serde::de::Error::duplicate_field("step"));
                            }
                            step__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetStepResponse {
                    step: step__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetStepResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTaskContextRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetTaskContextRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTaskContextRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTaskContextRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetTaskContextRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTaskContextRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetTaskContextRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetTaskContextRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTaskContextResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if self.context.is_some() {
            len += 1;
        }
        if !self.step_results.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetTaskContextResponse", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if let Some(v) = self.context.as_ref() {
            struct_ser.serialize_field("context", v)?;
        }
        if !self.step_results.is_empty() {
            struct_ser.serialize_field("stepResults", &self.step_results)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTaskContextResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "context",
            "step_results",
            "stepResults",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            Context,
            StepResults,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "context" => Ok(GeneratedField::Context),
                            "stepResults" | "step_results" => Ok(GeneratedField::StepResults),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTaskContextResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetTaskContextResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTaskContextResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut context__ = None;
                let mut step_results__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Context => {
                            if context__.is_some() {
                                return Err(serde::de::Error::duplicate_field("context"));
                            }
                            context__ = map_.next_value()?;
                        }
                        GeneratedField::StepResults => {
                            if step_results__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepResults"));
                            }
                            step_results__ = Some(
                                map_.next_value::<std::collections::HashMap<_, _>>()?
                            );
                        }
                    }
                }
                Ok(GetTaskContextResponse {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    context: context__,
                    step_results: step_results__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetTaskContextResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTaskRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetTaskRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTaskRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTaskRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetTaskRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTaskRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetTaskRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetTaskRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTaskResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetTaskResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTaskResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTaskResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetTaskResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTaskResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetTaskResponse {
                    task: task__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetTaskResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTemplateRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetTemplateRequest", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTemplateRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "name",
            "version",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            Name,
            Version,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTemplateRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetTemplateRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTemplateRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut name__ = None;
                let mut version__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetTemplateRequest {
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetTemplateRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetTemplateResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.template.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.GetTemplateResponse", len)?;
        if let Some(v) = self.template.as_ref() {
            struct_ser.serialize_field("template", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetTemplateResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "template",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Template,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "template" => Ok(GeneratedField::Template),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetTemplateResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.GetTemplateResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetTemplateResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut template__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Template => {
                            if template__.is_some() {
                                return Err(serde::de::Error::duplicate_field("template"));
                            }
                            template__ = map_.next_value()?;
                        }
                    }
                }
                Ok(GetTemplateResponse {
                    template: template__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.GetTemplateResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for HealthStatus {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "HEALTH_STATUS_UNSPECIFIED",
            Self::Healthy => "HEALTH_STATUS_HEALTHY",
            Self::Degraded => "HEALTH_STATUS_DEGRADED",
            Self::Unhealthy => "HEALTH_STATUS_UNHEALTHY",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for HealthStatus {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "HEALTH_STATUS_UNSPECIFIED",
            "HEALTH_STATUS_HEALTHY",
            "HEALTH_STATUS_DEGRADED",
            "HEALTH_STATUS_UNHEALTHY",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HealthStatus;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "HEALTH_STATUS_UNSPECIFIED" => Ok(HealthStatus::Unspecified),
                    "HEALTH_STATUS_HEALTHY" => Ok(HealthStatus::Healthy),
                    "HEALTH_STATUS_DEGRADED" => Ok(HealthStatus::Degraded),
                    "HEALTH_STATUS_UNHEALTHY" => Ok(HealthStatus::Unhealthy),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for HeartbeatRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if !self.claim_uuids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.HeartbeatRequest", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if !self.claim_uuids.is_empty() {
            struct_ser.serialize_field("claimUuids", &self.claim_uuids)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for HeartbeatRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
            "claim_uuids",
            "claimUuids",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
            ClaimUuids,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "claimUuids" | "claim_uuids" => Ok(GeneratedField::ClaimUuids),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HeartbeatRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.HeartbeatRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<HeartbeatRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                let mut claim_uuids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ClaimUuids => {
                            if claim_uuids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimUuids"));
                            }
                            claim_uuids__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(HeartbeatRequest {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    claim_uuids: claim_uuids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.HeartbeatRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for HeartbeatResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.leases.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.HeartbeatResponse", len)?;
        if !self.leases.is_empty() {
            struct_ser.serialize_field("leases", &self.leases)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for HeartbeatResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "leases",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Leases,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "leases" => Ok(GeneratedField::Leases),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = HeartbeatResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.HeartbeatResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<HeartbeatResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut leases__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Leases => {
                            if leases__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leases"));
                            }
                            leases__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(HeartbeatResponse {
                    leases: leases__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.HeartbeatResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for InvestigationQueueItem {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.entry.is_some() {
            len += 1;
        }
        if self.priority_score != 0. {
            len += 1;
        }
        if self.age.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.InvestigationQueueItem", len)?;
        if let Some(v) = self.entry.as_ref() {
            struct_ser.serialize_field("entry", v)?;
        }
        if self.priority_score != 0. {
            struct_ser.serialize_field("priorityScore", &self.priority_score)?;
        }
        if let Some(v) = self.age.as_ref() {
            struct_ser.serialize_field("age", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for InvestigationQueueItem {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "entry",
            "priority_score",
            "priorityScore",
            "age",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Entry,
            PriorityScore,
            Age,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "entry" => Ok(GeneratedField::Entry),
                            "priorityScore" | "priority_score" => Ok(GeneratedField::PriorityScore),
                            "age" => Ok(GeneratedField::Age),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = InvestigationQueueItem;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.InvestigationQueueItem")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<InvestigationQueueItem, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut entry__ = None;
                let mut priority_score__ = None;
                let mut age__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Entry => {
                            if entry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("entry"));
                            }
                            entry__ = map_.next_value()?;
                        }
                        GeneratedField::PriorityScore => {
                            if priority_score__.is_some() {
                                return Err(serde::de::Error::duplicate_field("priorityScore"));
                            }
                            priority_score__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Age => {
                            if age__.is_some() {
                                return Err(serde::de::Error::duplicate_field("age"));
                            }
                            age__ = map_.next_value()?;
                        }
                    }
                }
                Ok(InvestigationQueueItem {
                    entry: entry__,
                    priority_score: priority_score__.unwrap_or_default(),
                    age: age__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.InvestigationQueueItem", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for IssueTokenRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.api_key.is_empty() {
            len += 1;
        }
        if self.ttl.is_some() {
            len += 1;
        }
        if !self.permissions.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.IssueTokenRequest", len)?;
        if !self.api_key.is_empty() {
            struct_ser.serialize_field("apiKey", &self.api_key)?;
        }
        if let Some(v) = self.ttl.as_ref() {
            struct_ser.serialize_field("ttl", v)?;
        }
        if !self.permissions.is_empty() {
            struct_ser.serialize_field("permissions", &self.permissions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for IssueTokenRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "api_key",
            "apiKey",
            "ttl",
            "permissions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ApiKey,
            Ttl,
            Permissions,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "apiKey" | "api_key" => Ok(GeneratedField::ApiKey),
                            "ttl" => Ok(GeneratedField::Ttl),
                            "permissions" => Ok(GeneratedField::Permissions),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = IssueTokenRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.IssueTokenRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<IssueTokenRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut api_key__ = None;
                let mut ttl__ = None;
                let mut permissions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ApiKey => {
                            if api_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("apiKey"));
                            }
                            api_key__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Ttl => {
                            if ttl__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ttl"));
                            }
                            ttl__ = map_.next_value()?;
                        }
                        GeneratedField::Permissions => {
                            if permissions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("permissions"));
                            }
                            permissions__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(IssueTokenRequest {
                    api_key: api_key__.unwrap_or_default(),
                    ttl: ttl__,
                    permissions: permissions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.IssueTokenRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for IssueTokenResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.access_token.is_empty() {
            len += 1;
        }
        if !self.token_type.is_empty() {
            len += 1;
        }
        if self.expires_at.is_some() {
            len += 1;
        }
        if !self.permissions.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.IssueTokenResponse", len)?;
        if !self.access_token.is_empty() {
            struct_ser.serialize_field("accessToken", &self.access_token)?;
        }
        if !self.token_type.is_empty() {
            struct_ser.serialize_field("tokenType", &self.token_type)?;
        }
        if let Some(v) = self.expires_at.as_ref() {
            struct_ser.serialize_field("expiresAt", v)?;
        }
        if !self.permissions.is_empty() {
            struct_ser.serialize_field("permissions", &self.permissions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for IssueTokenResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "access_token",
            "accessToken",
            "token_type",
            "tokenType",
            "expires_at",
            "expiresAt",
            "permissions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            AccessToken,
            TokenType,
            ExpiresAt,
            Permissions,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "accessToken" | "access_token" => Ok(GeneratedField::AccessToken),
                            "tokenType" | "token_type" => Ok(GeneratedField::TokenType),
                            "expiresAt" | "expires_at" => Ok(GeneratedField::ExpiresAt),
                            "permissions" => Ok(GeneratedField::Permissions),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = IssueTokenResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.IssueTokenResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<IssueTokenResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut access_token__ = None;
                let mut token_type__ = None;
                let mut expires_at__ = None;
                let mut permissions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::AccessToken => {
                            if access_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("accessToken"));
                            }
                            access_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TokenType => {
                            if token_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tokenType"));
                            }
                            token_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ExpiresAt => {
                            if expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresAt"));
                            }
                            expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::Permissions => {
                            if permissions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("permissions"));
                            }
                            permissions__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(IssueTokenResponse {
                    access_token: access_token__.unwrap_or_default(),
                    token_type: token_type__.unwrap_or_default(),
                    expires_at: expires_at__,
                    permissions: permissions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.IssueTokenResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LeaseStatus {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.claim_uuid.is_empty() {
            len += 1;
        }
        if self.held {
            len += 1;
        }
        if self.lease_expires_at.is_some() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.LeaseStatus", len)?;
        if !self.claim_uuid.is_empty() {
            struct_ser.serialize_field("claimUuid", &self.claim_uuid)?;
        }
        if self.held {
            struct_ser.serialize_field("held", &self.held)?;
        }
        if let Some(v) = self.lease_expires_at.as_ref() {
            struct_ser.serialize_field("leaseExpiresAt", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for LeaseStatus {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "claim_uuid",
            "claimUuid",
            "held",
            "lease_expires_at",
            "leaseExpiresAt",
            "reason",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ClaimUuid,
            Held,
            LeaseExpiresAt,
            Reason,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "claimUuid" | "claim_uuid" => Ok(GeneratedField::ClaimUuid),
                            "held" => Ok(GeneratedField::Held),
                            "leaseExpiresAt" | "lease_expires_at" => Ok(GeneratedField::LeaseExpiresAt),
                            "reason" => Ok(GeneratedField::Reason),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = LeaseStatus;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.LeaseStatus")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<LeaseStatus, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut claim_uuid__ = None;
                let mut held__ = None;
                let mut lease_expires_at__ = None;
                let mut reason__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ClaimUuid => {
                            if claim_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimUuid"));
                            }
                            claim_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Held => {
                            if held__.is_some() {
                                return Err(serde::de::Error::duplicate_field("held"));
                            }
                            held__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LeaseExpiresAt => {
                            if lease_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseExpiresAt"));
                            }
                            lease_expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(LeaseStatus {
                    claim_uuid: claim_uuid__.unwrap_or_default(),
                    held: held__.unwrap_or_default(),
                    lease_expires_at: lease_expires_at__,
                    reason: reason__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.LeaseStatus", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListApiKeysRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if self.include_inactive {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListApiKeysRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        if self.include_inactive {
            struct_ser.serialize_field("includeInactive", &self.include_inactive)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListApiKeysRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "include_inactive",
            "includeInactive",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            IncludeInactive,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "includeInactive" | "include_inactive" => Ok(GeneratedField::IncludeInactive),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListApiKeysRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListApiKeysRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListApiKeysRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut include_inactive__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::IncludeInactive => {
                            if include_inactive__.is_some() {
                                return Err(serde::de::Error::duplicate_field("includeInactive"));
                            }
                            include_inactive__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListApiKeysRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    include_inactive: include_inactive__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListApiKeysRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListApiKeysResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.api_keys.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListApiKeysResponse", len)?;
        if !self.api_keys.is_empty() {
            struct_ser.serialize_field("apiKeys", &self.api_keys)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListApiKeysResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "api_keys",
            "apiKeys",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ApiKeys,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "apiKeys" | "api_keys" => Ok(GeneratedField::ApiKeys),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListApiKeysResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListApiKeysResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListApiKeysResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut api_keys__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ApiKeys => {
                            if api_keys__.is_some() {
                                return Err(serde::de::Error::duplicate_field("apiKeys"));
                            }
                            api_keys__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListApiKeysResponse {
                    api_keys: api_keys__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListApiKeysResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListEntriesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if self.resolution_status != 0 {
            len += 1;
        }
        if self.reason != 0 {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListEntriesRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        if self.resolution_status != 0 {
            let v = DlqResolutionStatus::try_from(self.resolution_status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.resolution_status)))?;
            struct_ser.serialize_field("resolutionStatus", &v)?;
        }
        if self.reason != 0 {
            let v = DlqReason::try_from(self.reason)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.reason)))?;
            struct_ser.serialize_field("reason", &v)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListEntriesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "resolution_status",
            "resolutionStatus",
            "reason",
            "namespace",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            ResolutionStatus,
            Reason,
            Namespace,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "resolutionStatus" | "resolution_status" => Ok(GeneratedField::ResolutionStatus),
                            "reason" => Ok(GeneratedField::Reason),
                            "namespace" => Ok(GeneratedField::Namespace),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListEntriesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListEntriesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListEntriesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut resolution_status__ = None;
                let mut reason__ = None;
                let mut namespace__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ResolutionStatus => {
                            if resolution_status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resolutionStatus"));
                            }
                            resolution_status__ = Some(map_.next_value::<DlqResolutionStatus>()? as i32);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value::<DlqReason>()? as i32);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListEntriesRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    resolution_status: resolution_status__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListEntriesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListEntriesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.entries.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListEntriesResponse", len)?;
        if !self.entries.is_empty() {
            struct_ser.serialize_field("entries", &self.entries)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListEntriesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "entries",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Entries,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "entries" => Ok(GeneratedField::Entries),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListEntriesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListEntriesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListEntriesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut entries__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Entries => {
                            if entries__.is_some() {
                                return Err(serde::de::Error::duplicate_field("entries"));
                            }
                            entries__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListEntriesResponse {
                    entries: entries__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListEntriesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListStepsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if !self.states.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListStepsRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        if !self.states.is_empty() {
            let v = self.states.iter().cloned().map(|v| {
                StepState::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("states", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListStepsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "states",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            PageSize,
            PageToken,
            States,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "states" => Ok(GeneratedField::States),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListStepsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListStepsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListStepsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut states__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::States => {
                            if states__.is_some() {
                                return Err(serde::de::Error::duplicate_field("states"));
                            }
                            states__ = Some(map_.next_value::<Vec<StepState>>()?.into_iter().map(|x| x as i32).collect());
                        }
                    }
                }
                Ok(ListStepsRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    states: states__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListStepsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListStepsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.steps.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListStepsResponse", len)?;
        if !self.steps.is_empty() {
            struct_ser.serialize_field("steps", &self.steps)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListStepsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "steps",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Steps,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "steps" => Ok(GeneratedField::Steps),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListStepsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListStepsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListStepsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut steps__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Steps => {
                            if steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("steps"));
                            }
                            steps__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListStepsResponse {
                    steps: steps__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListStepsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListTasksRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.states.is_empty() {
            len += 1;
        }
        if self.created_after.is_some() {
            len += 1;
        }
        if self.created_before.is_some() {
            len += 1;
        }
        if !self.tags.is_empty() {
            len += 1;
        }
        if !self.correlation_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListTasksRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.states.is_empty() {
            let v = self.states.iter().cloned().map(|v| {
                TaskState::try_from(v)
                    .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", v)))
                }).collect::<std::result::Result<Vec<_>, _>>()?;
            struct_ser.serialize_field("states", &v)?;
        }
        if let Some(v) = self.created_after.as_ref() {
            struct_ser.serialize_field("createdAfter", v)?;
        }
        if let Some(v) = self.created_before.as_ref() {
            struct_ser.serialize_field("createdBefore", v)?;
        }
        if !self.tags.is_empty() {
            struct_ser.serialize_field("tags", &self.tags)?;
        }
        if !self.correlation_id.is_empty() {
            struct_ser.serialize_field("correlationId", &self.correlation_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListTasksRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "namespace",
            "name",
            "states",
            "created_after",
            "createdAfter",
            "created_before",
            "createdBefore",
            "tags",
            "correlation_id",
            "correlationId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            Namespace,
            Name,
            States,
            CreatedAfter,
            CreatedBefore,
            Tags,
            CorrelationId,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "states" => Ok(GeneratedField::States),
                            "createdAfter" | "created_after" => Ok(GeneratedField::CreatedAfter),
                            "createdBefore" | "created_before" => Ok(GeneratedField::CreatedBefore),
                            "tags" => Ok(GeneratedField::Tags),
                            "correlationId" | "correlation_id" => Ok(GeneratedField::CorrelationId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListTasksRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListTasksRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListTasksRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut namespace__ = None;
                let mut name__ = None;
                let mut states__ = None;
                let mut created_after__ = None;
                let mut created_before__ = None;
                let mut tags__ = None;
                let mut correlation_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::States => {
                            if states__.is_some() {
                                return Err(serde::de::Error::duplicate_field("states"));
                            }
                            states__ = Some(map_.next_value::<Vec<TaskState>>()?.into_iter().map(|x| x as i32).collect());
                        }
                        GeneratedField::CreatedAfter => {
                            if created_after__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAfter"));
                            }
                            created_after__ = map_.next_value()?;
                        }
                        GeneratedField::CreatedBefore => {
                            if created_before__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdBefore"));
                            }
                            created_before__ = map_.next_value()?;
                        }
                        GeneratedField::Tags => {
                            if tags__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tags"));
                            }
                            tags__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CorrelationId => {
                            if correlation_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("correlationId"));
                            }
                            correlation_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListTasksRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    states: states__.unwrap_or_default(),
                    created_after: created_after__,
                    created_before: created_before__,
                    tags: tags__.unwrap_or_default(),
                    correlation_id: correlation_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListTasksRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListTasksResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.tasks.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListTasksResponse", len)?;
        if !self.tasks.is_empty() {
            struct_ser.serialize_field("tasks", &self.tasks)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListTasksResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "tasks",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Tasks,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "tasks" => Ok(GeneratedField::Tasks),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListTasksResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListTasksResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListTasksResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut tasks__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Tasks => {
                            if tasks__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tasks"));
                            }
                            tasks__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListTasksResponse {
                    tasks: tasks__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListTasksResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListTemplatesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.page_size != 0 {
            len += 1;
        }
        if !self.page_token.is_empty() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListTemplatesRequest", len)?;
        if self.page_size != 0 {
            struct_ser.serialize_field("pageSize", &self.page_size)?;
        }
        if !self.page_token.is_empty() {
            struct_ser.serialize_field("pageToken", &self.page_token)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListTemplatesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "page_size",
            "pageSize",
            "page_token",
            "pageToken",
            "namespace",
            "name",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            PageSize,
            PageToken,
            Namespace,
            Name,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "pageSize" | "page_size" => Ok(GeneratedField::PageSize),
                            "pageToken" | "page_token" => Ok(GeneratedField::PageToken),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListTemplatesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListTemplatesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListTemplatesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut page_size__ = None;
                let mut page_token__ = None;
                let mut namespace__ = None;
                let mut name__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::PageSize => {
                            if page_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageSize"));
                            }
                            page_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::PageToken => {
                            if page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pageToken"));
                            }
                            page_token__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListTemplatesRequest {
                    page_size: page_size__.unwrap_or_default(),
                    page_token: page_token__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListTemplatesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListTemplatesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.templates.is_empty() {
            len += 1;
        }
        if !self.next_page_token.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ListTemplatesResponse", len)?;
        if !self.templates.is_empty() {
            struct_ser.serialize_field("templates", &self.templates)?;
        }
        if !self.next_page_token.is_empty() {
            struct_ser.serialize_field("nextPageToken", &self.next_page_token)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListTemplatesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "templates",
            "next_page_token",
            "nextPageToken",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Templates,
            NextPageToken,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "templates" => Ok(GeneratedField::Templates),
                            "nextPageToken" | "next_page_token" => Ok(GeneratedField::NextPageToken),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListTemplatesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ListTemplatesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListTemplatesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut templates__ = None;
                let mut next_page_token__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Templates => {
                            if templates__.is_some() {
                                return Err(serde::de::Error::duplicate_field("templates"));
                            }
                            templates__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextPageToken => {
                            if next_page_token__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextPageToken"));
                            }
                            next_page_token__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListTemplatesResponse {
                    templates: templates__.unwrap_or_default(),
                    next_page_token: next_page_token__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ListTemplatesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LivenessRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("tasker.v1.LivenessRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for LivenessRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = LivenessRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.LivenessRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<LivenessRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(LivenessRequest {
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.LivenessRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for LivenessResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.status != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.LivenessResponse", len)?;
        if self.status != 0 {
            let v = HealthStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for LivenessResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "status",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Status,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "status" => Ok(GeneratedField::Status),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = LivenessResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.LivenessResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<LivenessResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut status__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<HealthStatus>()? as i32);
                        }
                    }
                }
                Ok(LivenessResponse {
                    status: status__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.LivenessResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ManualResolutionAction {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "MANUAL_RESOLUTION_ACTION_UNSPECIFIED",
            Self::ResetForRetry => "MANUAL_RESOLUTION_ACTION_RESET_FOR_RETRY",
            Self::ResolveManually => "MANUAL_RESOLUTION_ACTION_RESOLVE_MANUALLY",
            Self::CompleteManually => "MANUAL_RESOLUTION_ACTION_COMPLETE_MANUALLY",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for ManualResolutionAction {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "MANUAL_RESOLUTION_ACTION_UNSPECIFIED",
            "MANUAL_RESOLUTION_ACTION_RESET_FOR_RETRY",
            "MANUAL_RESOLUTION_ACTION_RESOLVE_MANUALLY",
            "MANUAL_RESOLUTION_ACTION_COMPLETE_MANUALLY",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ManualResolutionAction;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "MANUAL_RESOLUTION_ACTION_UNSPECIFIED" => Ok(ManualResolutionAction::Unspecified),
                    "MANUAL_RESOLUTION_ACTION_RESET_FOR_RETRY" => Ok(ManualResolutionAction::ResetForRetry),
                    "MANUAL_RESOLUTION_ACTION_RESOLVE_MANUALLY" => Ok(ManualResolutionAction::ResolveManually),
                    "MANUAL_RESOLUTION_ACTION_COMPLETE_MANUALLY" => Ok(ManualResolutionAction::CompleteManually),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for ReadinessRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("tasker.v1.ReadinessRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReadinessRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReadinessRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ReadinessRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReadinessRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(ReadinessRequest {
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ReadinessRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReadinessResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.ready {
            len += 1;
        }
        if self.status != 0 {
            len += 1;
        }
        if !self.checks.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ReadinessResponse", len)?;
        if self.ready {
            struct_ser.serialize_field("ready", &self.ready)?;
        }
        if self.status != 0 {
            let v = HealthStatus::try_from(self.status)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.status)))?;
            struct_ser.serialize_field("status", &v)?;
        }
        if !self.checks.is_empty() {
            struct_ser.serialize_field("checks", &self.checks)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReadinessResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "ready",
            "status",
            "checks",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Ready,
            Status,
            Checks,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "ready" => Ok(GeneratedField::Ready),
                            "status" => Ok(GeneratedField::Status),
                            "checks" => Ok(GeneratedField::Checks),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReadinessResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ReadinessResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReadinessResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut ready__ = None;
                let mut status__ = None;
                let mut checks__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Ready => {
                            if ready__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ready"));
                            }
                            ready__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = Some(map_.next_value::<HealthStatus>()? as i32);
                        }
                        GeneratedField::Checks => {
                            if checks__.is_some() {
                                return Err(serde::de::Error::duplicate_field("checks"));
                            }
                            checks__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ReadinessResponse {
                    ready: ready__.unwrap_or_default(),
                    status: status__.unwrap_or_default(),
                    checks: checks__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ReadinessResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterTemplateRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.source.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RegisterTemplateRequest", len)?;
        if let Some(v) = self.source.as_ref() {
            match v {
                register_template_request::Source::Template(v) => {
                    struct_ser.serialize_field("template", v)?;
                }
                register_template_request::Source::Yaml(v) => {
                    struct_ser.serialize_field("yaml", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterTemplateRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "template",
            "yaml",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Template,
            Yaml,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "template" => Ok(GeneratedField::Template),
                            "yaml" => Ok(GeneratedField::Yaml),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterTemplateRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RegisterTemplateRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterTemplateRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut source__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Template => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("template"));
                            }
                            source__ = map_.next_value::<::std::option::Option<_>>()?.map(register_template_request::Source::Template)
;
                        }
                        GeneratedField::Yaml => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("yaml"));
                            }
                            source__ = map_.next_value::<::std::option::Option<_>>()?.map(register_template_request::Source::Yaml);
                        }
                    }
                }
                Ok(RegisterTemplateRequest {
                    source: source__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RegisterTemplateRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterTemplateResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.template.is_some() {
            len += 1;
        }
        if self.created {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RegisterTemplateResponse", len)?;
        if let Some(v) = self.template.as_ref() {
            struct_ser.serialize_field("template", v)?;
        }
        if self.created {
            struct_ser.serialize_field("created", &self.created)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterTemplateResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "template",
            "created",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Template,
            Created,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "template" => Ok(GeneratedField::Template),
                            "created" => Ok(GeneratedField::Created),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterTemplateResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RegisterTemplateResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterTemplateResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut template__ = None;
                let mut created__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Template => {
                            if template__.is_some() {
                                return Err(serde::de::Error::duplicate_field("template"));
                            }
                            template__ = map_.next_value()?;
                        }
                        GeneratedField::Created => {
                            if created__.is_some() {
                                return Err(serde::de::Error::duplicate_field("created"));
                            }
                            created__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RegisterTemplateResponse {
                    template: template__,
                    created: created__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RegisterTemplateResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterWorkerRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.namespaces.is_empty() {
            len += 1;
        }
        if !self.handlers.is_empty() {
            len += 1;
        }
        if self.max_concurrency != 0 {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RegisterWorkerRequest", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.namespaces.is_empty() {
            struct_ser.serialize_field("namespaces", &self.namespaces)?;
        }
        if !self.handlers.is_empty() {
            struct_ser.serialize_field("handlers", &self.handlers)?;
        }
        if self.max_concurrency != 0 {
            struct_ser.serialize_field("maxConcurrency", &self.max_concurrency)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterWorkerRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "namespaces",
            "handlers",
            "max_concurrency",
            "maxConcurrency",
            "version",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Namespaces,
            Handlers,
            MaxConcurrency,
            Version,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "namespaces" => Ok(GeneratedField::Namespaces),
                            "handlers" => Ok(GeneratedField::Handlers),
                            "maxConcurrency" | "max_concurrency" => Ok(GeneratedField::MaxConcurrency),
                            "version" => Ok(GeneratedField::Version),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterWorkerRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RegisterWorkerRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterWorkerRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut namespaces__ = None;
                let mut handlers__ = None;
                let mut max_concurrency__ = None;
                let mut version__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespaces => {
                            if namespaces__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespaces"));
                            }
                            namespaces__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handlers => {
                            if handlers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handlers"));
                            }
                            handlers__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MaxConcurrency => {
                            if max_concurrency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxConcurrency"));
                            }
                            max_concurrency__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RegisterWorkerRequest {
                    name: name__.unwrap_or_default(),
                    namespaces: namespaces__.unwrap_or_default(),
                    handlers: handlers__.unwrap_or_default(),
                    max_concurrency: max_concurrency__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RegisterWorkerRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RegisterWorkerResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.worker.is_some() {
            len += 1;
        }
        if self.lease_duration.is_some() {
            len += 1;
        }
        if self.heartbeat_interval.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RegisterWorkerResponse", len)?;
        if let Some(v) = self.worker.as_ref() {
            struct_ser.serialize_field("worker", v)?;
        }
        if let Some(v) = self.lease_duration.as_ref() {
            struct_ser.serialize_field("leaseDuration", v)?;
        }
        if let Some(v) = self.heartbeat_interval.as_ref() {
            struct_ser.serialize_field("heartbeatInterval", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RegisterWorkerResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker",
            "lease_duration",
            "leaseDuration",
            "heartbeat_interval",
            "heartbeatInterval",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Worker,
            LeaseDuration,
            HeartbeatInterval,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "worker" => Ok(GeneratedField::Worker),
                            "leaseDuration" | "lease_duration" => Ok(GeneratedField::LeaseDuration),
                            "heartbeatInterval" | "heartbeat_interval" => Ok(GeneratedField::HeartbeatInterval),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RegisterWorkerResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RegisterWorkerResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RegisterWorkerResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker__ = None;
                let mut lease_duration__ = None;
                let mut heartbeat_interval__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Worker => {
                            if worker__.is_some() {
                                return Err(serde::de::Error::duplicate_field("worker"));
                            }
                            worker__ = map_.next_value()?;
                        }
                        GeneratedField::LeaseDuration => {
                            if lease_duration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseDuration"));
                            }
                            lease_duration__ = map_.next_value()?;
                        }
                        GeneratedField::HeartbeatInterval => {
                            if heartbeat_interval__.is_some() {
                                return Err(serde::de::Error::duplicate_field("heartbeatInterval"));
                            }
                            heartbeat_interval__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RegisterWorkerResponse {
                    worker: worker__,
                    lease_duration: lease_duration__,
                    heartbeat_interval: heartbeat_interval__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RegisterWorkerResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReportResultsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if !self.reports.is_empty() {
            len += 1;
        }
        if self.claim_max_steps != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ReportResultsRequest", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if !self.reports.is_empty() {
            struct_ser.serialize_field("reports", &self.reports)?;
        }
        if self.claim_max_steps != 0 {
            struct_ser.serialize_field("claimMaxSteps", &self.claim_max_steps)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReportResultsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
            "reports",
            "claim_max_steps",
            "claimMaxSteps",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
            Reports,
            ClaimMaxSteps,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "reports" => Ok(GeneratedField::Reports),
                            "claimMaxSteps" | "claim_max_steps" => Ok(GeneratedField::ClaimMaxSteps),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReportResultsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ReportResultsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReportResultsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                let mut reports__ = None;
                let mut claim_max_steps__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reports => {
                            if reports__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reports"));
                            }
                            reports__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ClaimMaxSteps => {
                            if claim_max_steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimMaxSteps"));
                            }
                            claim_max_steps__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(ReportResultsRequest {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    reports: reports__.unwrap_or_default(),
                    claim_max_steps: claim_max_steps__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ReportResultsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ReportResultsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.results.is_empty() {
            len += 1;
        }
        if !self.claimed.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ReportResultsResponse", len)?;
        if !self.results.is_empty() {
            struct_ser.serialize_field("results", &self.results)?;
        }
        if !self.claimed.is_empty() {
            struct_ser.serialize_field("claimed", &self.claimed)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ReportResultsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "results",
            "claimed",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Results,
            Claimed,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "results" => Ok(GeneratedField::Results),
                            "claimed" => Ok(GeneratedField::Claimed),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ReportResultsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ReportResultsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ReportResultsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut results__ = None;
                let mut claimed__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Results => {
                            if results__.is_some() {
                                return Err(serde::de::Error::duplicate_field("results"));
                            }
                            results__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Claimed => {
                            if claimed__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimed"));
                            }
                            claimed__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ReportResultsResponse {
                    results: results__.unwrap_or_default(),
                    claimed: claimed__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ReportResultsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ResolveStepRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.step_uuid.is_empty() {
            len += 1;
        }
        if self.action != 0 {
            len += 1;
        }
        if !self.performed_by.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if self.results.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ResolveStepRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.step_uuid.is_empty() {
            struct_ser.serialize_field("stepUuid", &self.step_uuid)?;
        }
        if self.action != 0 {
            let v = ManualResolutionAction::try_from(self.action)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.action)))?;
            struct_ser.serialize_field("action", &v)?;
        }
        if !self.performed_by.is_empty() {
            struct_ser.serialize_field("performedBy", &self.performed_by)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if let Some(v) = self.results.as_ref() {
            struct_ser.serialize_field("results", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ResolveStepRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "step_uuid",
            "stepUuid",
            "action",
            "performed_by",
            "performedBy",
            "reason",
            "results",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            StepUuid,
            Action,
            PerformedBy,
            Reason,
            Results,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "stepUuid" | "step_uuid" => Ok(GeneratedField::StepUuid),
                            "action" => Ok(GeneratedField::Action),
                            "performedBy" | "performed_by" => Ok(GeneratedField::PerformedBy),
                            "reason" => Ok(GeneratedField::Reason),
                            "results" => Ok(GeneratedField::Results),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ResolveStepRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ResolveStepRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ResolveStepRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut step_uuid__ = None;
                let mut action__ = None;
                let mut performed_by__ = None;
                let mut reason__ = None;
                let mut results__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepUuid => {
                            if step_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepUuid"));
                            }
                            step_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Action => {
                            if action__.is_some() {
                                return Err(serde::de::Error::duplicate_field("action"));
                            }
                            action__ = Some(map_.next_value::<ManualResolutionAction>()? as i32);
                        }
                        GeneratedField::PerformedBy => {
                            if performed_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("performedBy"));
                            }
                            performed_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Results => {
                            if results__.is_some() {
                                return Err(serde::de::Error::duplicate_field("results"));
                            }
                            results__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ResolveStepRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    step_uuid: step_uuid__.unwrap_or_default(),
                    action: action__.unwrap_or_default(),
                    performed_by: performed_by__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    results: results__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ResolveStepRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ResolveStepResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.step.is_some() {
            len += 1;
        }
        if self.task_state != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ResolveStepResponse", len)?;
        if let Some(v) = self.step.as_ref() {
            struct_ser.serialize_field("step", v)?;
        }
        if self.task_state != 0 {
            let v = TaskState::try_from(self.task_state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.task_state)))?;
            struct_ser.serialize_field("taskState", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ResolveStepResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "step",
            "task_state",
            "taskState",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Step,
            TaskState,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "step" => Ok(GeneratedField::Step),
                            "taskState" | "task_state" => Ok(GeneratedField::TaskState),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ResolveStepResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ResolveStepResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ResolveStepResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut step__ = None;
                let mut task_state__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Step => {
                            if step__.is_some() {
                                return Err(serde::de::Error::duplicate_field("step"));
                            }
                            step__ = map_.next_value()?;
                        }
                        GeneratedField::TaskState => {
                            if task_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskState"));
                            }
                            task_state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                    }
                }
                Ok(ResolveStepResponse {
                    step: step__,
                    task_state: task_state__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ResolveStepResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ResourceUtilization {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.db_pool_size != 0 {
            len += 1;
        }
        if self.db_pool_idle != 0 {
            len += 1;
        }
        if self.db_pool_utilization != 0. {
            len += 1;
        }
        if self.active_workers != 0 {
            len += 1;
        }
        if self.ready_steps != 0 {
            len += 1;
        }
        if self.in_progress_steps != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ResourceUtilization", len)?;
        if self.db_pool_size != 0 {
            struct_ser.serialize_field("dbPoolSize", &self.db_pool_size)?;
        }
        if self.db_pool_idle != 0 {
            struct_ser.serialize_field("dbPoolIdle", &self.db_pool_idle)?;
        }
        if self.db_pool_utilization != 0. {
            struct_ser.serialize_field("dbPoolUtilization", &self.db_pool_utilization)?;
        }
        if self.active_workers != 0 {
            struct_ser.serialize_field("activeWorkers", &self.active_workers)?;
        }
        if self.ready_steps != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("readySteps", ToString::to_string(&self.ready_steps).as_str())?;
        }
        if self.in_progress_steps != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("inProgressSteps", ToString::to_string(&self.in_progress_steps).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ResourceUtilization {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "db_pool_size",
            "dbPoolSize",
            "db_pool_idle",
            "dbPoolIdle",
            "db_pool_utilization",
            "dbPoolUtilization",
            "active_workers",
            "activeWorkers",
            "ready_steps",
            "readySteps",
            "in_progress_steps",
            "inProgressSteps",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            DbPoolSize,
            DbPoolIdle,
            DbPoolUtilization,
            ActiveWorkers,
            ReadySteps,
            InProgressSteps,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "dbPoolSize" | "db_pool_size" => Ok(GeneratedField::DbPoolSize),
                            "dbPoolIdle" | "db_pool_idle" => Ok(GeneratedField::DbPoolIdle),
                            "dbPoolUtilization" | "db_pool_utilization" => Ok(GeneratedField::DbPoolUtilization),
                            "activeWorkers" | "active_workers" => Ok(GeneratedField::ActiveWorkers),
                            "readySteps" | "ready_steps" => Ok(GeneratedField::ReadySteps),
                            "inProgressSteps" | "in_progress_steps" => Ok(GeneratedField::InProgressSteps),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ResourceUtilization;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ResourceUtilization")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ResourceUtilization, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut db_pool_size__ = None;
                let mut db_pool_idle__ = None;
                let mut db_pool_utilization__ = None;
                let mut active_workers__ = None;
                let mut ready_steps__ = None;
                let mut in_progress_steps__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::DbPoolSize => {
                            if db_pool_size__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dbPoolSize"));
                            }
                            db_pool_size__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::DbPoolIdle => {
                            if db_pool_idle__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dbPoolIdle"));
                            }
                            db_pool_idle__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::DbPoolUtilization => {
                            if db_pool_utilization__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dbPoolUtilization"));
                            }
                            db_pool_utilization__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ActiveWorkers => {
                            if active_workers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("activeWorkers"));
                            }
                            active_workers__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ReadySteps => {
                            if ready_steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("readySteps"));
                            }
                            ready_steps__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::InProgressSteps => {
                            if in_progress_steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inProgressSteps"));
                            }
                            in_progress_steps__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(ResourceUtilization {
                    db_pool_size: db_pool_size__.unwrap_or_default(),
                    db_pool_idle: db_pool_idle__.unwrap_or_default(),
                    db_pool_utilization: db_pool_utilization__.unwrap_or_default(),
                    active_workers: active_workers__.unwrap_or_default(),
                    ready_steps: ready_steps__.unwrap_or_default(),
                    in_progress_steps: in_progress_steps__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ResourceUtilization", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RetryHotSpot {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.handler.is_empty() {
            len += 1;
        }
        if self.retries != 0 {
            len += 1;
        }
        if self.attempts != 0 {
            len += 1;
        }
        if self.exhausted != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RetryHotSpot", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.handler.is_empty() {
            struct_ser.serialize_field("handler", &self.handler)?;
        }
        if self.retries != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("retries", ToString::to_string(&self.retries).as_str())?;
        }
        if self.attempts != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("attempts", ToString::to_string(&self.attempts).as_str())?;
        }
        if self.exhausted != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("exhausted", ToString::to_string(&self.exhausted).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RetryHotSpot {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "handler",
            "retries",
            "attempts",
            "exhausted",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            Handler,
            Retries,
            Attempts,
            Exhausted,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "handler" => Ok(GeneratedField::Handler),
                            "retries" => Ok(GeneratedField::Retries),
                            "attempts" => Ok(GeneratedField::Attempts),
                            "exhausted" => Ok(GeneratedField::Exhausted),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RetryHotSpot;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RetryHotSpot")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RetryHotSpot, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut handler__ = None;
                let mut retries__ = None;
                let mut attempts__ = None;
                let mut exhausted__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handler => {
                            if handler__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handler"));
                            }
                            handler__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Retries => {
                            if retries__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retries"));
                            }
                            retries__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Attempts => {
                            if attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempts"));
                            }
                            attempts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Exhausted => {
                            if exhausted__.is_some() {
                                return Err(serde::de::Error::duplicate_field("exhausted"));
                            }
                            exhausted__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(RetryHotSpot {
                    namespace: namespace__.unwrap_or_default(),
                    handler: handler__.unwrap_or_default(),
                    retries: retries__.unwrap_or_default(),
                    attempts: attempts__.unwrap_or_default(),
                    exhausted: exhausted__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RetryHotSpot", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RetryPolicy {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.max_attempts != 0 {
            len += 1;
        }
        if self.initial_backoff.is_some() {
            len += 1;
        }
        if self.max_backoff.is_some() {
            len += 1;
        }
        if self.backoff_multiplier != 0. {
            len += 1;
        }
        if self.jitter != 0. {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RetryPolicy", len)?;
        if self.max_attempts != 0 {
            struct_ser.serialize_field("maxAttempts", &self.max_attempts)?;
        }
        if let Some(v) = self.initial_backoff.as_ref() {
            struct_ser.serialize_field("initialBackoff", v)?;
        }
        if let Some(v) = self.max_backoff.as_ref() {
            struct_ser.serialize_field("maxBackoff", v)?;
        }
        if self.backoff_multiplier != 0. {
            struct_ser.serialize_field("backoffMultiplier", &self.backoff_multiplier)?;
        }
        if self.jitter != 0. {
            struct_ser.serialize_field("jitter", &self.jitter)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RetryPolicy {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "max_attempts",
            "maxAttempts",
            "initial_backoff",
            "initialBackoff",
            "max_backoff",
            "maxBackoff",
            "backoff_multiplier",
            "backoffMultiplier",
            "jitter",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            MaxAttempts,
            InitialBackoff,
            MaxBackoff,
            BackoffMultiplier,
            Jitter,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "maxAttempts" | "max_attempts" => Ok(GeneratedField::MaxAttempts),
                            "initialBackoff" | "initial_backoff" => Ok(GeneratedField::InitialBackoff),
                            "maxBackoff" | "max_backoff" => Ok(GeneratedField::MaxBackoff),
                            "backoffMultiplier" | "backoff_multiplier" => Ok(GeneratedField::BackoffMultiplier),
                            "jitter" => Ok(GeneratedField::Jitter),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RetryPolicy;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RetryPolicy")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RetryPolicy, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut max_attempts__ = None;
                let mut initial_backoff__ = None;
                let mut max_backoff__ = None;
                let mut backoff_multiplier__ = None;
                let mut jitter__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::MaxAttempts => {
                            if max_attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxAttempts"));
                            }
                            max_attempts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::InitialBackoff => {
                            if initial_backoff__.is_some() {
                                return Err(serde::de::Error::duplicate_field("initialBackoff"));
                            }
                            initial_backoff__ = map_.next_value()?;
                        }
                        GeneratedField::MaxBackoff => {
                            if max_backoff__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxBackoff"));
                            }
                            max_backoff__ = map_.next_value()?;
                        }
                        GeneratedField::BackoffMultiplier => {
                            if backoff_multiplier__.is_some() {
                                return Err(serde::de::Error::duplicate_field("backoffMultiplier"));
                            }
                            backoff_multiplier__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Jitter => {
                            if jitter__.is_some() {
                                return Err(serde::de::Error::duplicate_field("jitter"));
                            }
                            jitter__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(RetryPolicy {
                    max_attempts: max_attempts__.unwrap_or_default(),
                    initial_backoff: initial_backoff__,
                    max_backoff: max_backoff__,
                    backoff_multiplier: backoff_multiplier__.unwrap_or_default(),
                    jitter: jitter__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RetryPolicy", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RevokeApiKeyRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.api_key_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RevokeApiKeyRequest", len)?;
        if !self.api_key_uuid.is_empty() {
            struct_ser.serialize_field("apiKeyUuid", &self.api_key_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RevokeApiKeyRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "api_key_uuid",
            "apiKeyUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ApiKeyUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "apiKeyUuid" | "api_key_uuid" => Ok(GeneratedField::ApiKeyUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RevokeApiKeyRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RevokeApiKeyRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RevokeApiKeyRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut api_key_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ApiKeyUuid => {
                            if api_key_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("apiKeyUuid"));
                            }
                            api_key_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RevokeApiKeyRequest {
                    api_key_uuid: api_key_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RevokeApiKeyRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RevokeApiKeyResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.api_key.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.RevokeApiKeyResponse", len)?;
        if let Some(v) = self.api_key.as_ref() {
            struct_ser.serialize_field("apiKey", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RevokeApiKeyResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "api_key",
            "apiKey",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ApiKey,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "apiKey" | "api_key" => Ok(GeneratedField::ApiKey),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RevokeApiKeyResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.RevokeApiKeyResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RevokeApiKeyResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut api_key__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ApiKey => {
                            if api_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("apiKey"));
                            }
                            api_key__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RevokeApiKeyResponse {
                    api_key: api_key__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.RevokeApiKeyResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SlowStep {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.task_name.is_empty() {
            len += 1;
        }
        if !self.step_name.is_empty() {
            len += 1;
        }
        if !self.handler.is_empty() {
            len += 1;
        }
        if self.execution.is_some() {
            len += 1;
        }
        if self.error_rate != 0. {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.SlowStep", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.task_name.is_empty() {
            struct_ser.serialize_field("taskName", &self.task_name)?;
        }
        if !self.step_name.is_empty() {
            struct_ser.serialize_field("stepName", &self.step_name)?;
        }
        if !self.handler.is_empty() {
            struct_ser.serialize_field("handler", &self.handler)?;
        }
        if let Some(v) = self.execution.as_ref() {
            struct_ser.serialize_field("execution", v)?;
        }
        if self.error_rate != 0. {
            struct_ser.serialize_field("errorRate", &self.error_rate)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SlowStep {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "task_name",
            "taskName",
            "step_name",
            "stepName",
            "handler",
            "execution",
            "error_rate",
            "errorRate",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            TaskName,
            StepName,
            Handler,
            Execution,
            ErrorRate,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "taskName" | "task_name" => Ok(GeneratedField::TaskName),
                            "stepName" | "step_name" => Ok(GeneratedField::StepName),
                            "handler" => Ok(GeneratedField::Handler),
                            "execution" => Ok(GeneratedField::Execution),
                            "errorRate" | "error_rate" => Ok(GeneratedField::ErrorRate),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SlowStep;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.SlowStep")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SlowStep, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut task_name__ = None;
                let mut step_name__ = None;
                let mut handler__ = None;
                let mut execution__ = None;
                let mut error_rate__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskName => {
                            if task_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskName"));
                            }
                            task_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepName => {
                            if step_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepName"));
                            }
                            step_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handler => {
                            if handler__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handler"));
                            }
                            handler__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Execution => {
                            if execution__.is_some() {
                                return Err(serde::de::Error::duplicate_field("execution"));
                            }
                            execution__ = map_.next_value()?;
                        }
                        GeneratedField::ErrorRate => {
                            if error_rate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errorRate"));
                            }
                            error_rate__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(SlowStep {
                    namespace: namespace__.unwrap_or_default(),
                    task_name: task_name__.unwrap_or_default(),
                    step_name: step_name__.unwrap_or_default(),
                    handler: handler__.unwrap_or_default(),
                    execution: execution__,
                    error_rate: error_rate__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.SlowStep", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SlowTask {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.duration.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.SlowTask", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if let Some(v) = self.duration.as_ref() {
            struct_ser.serialize_field("duration", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SlowTask {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "name",
            "version",
            "duration",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            Name,
            Version,
            Duration,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            "duration" => Ok(GeneratedField::Duration),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SlowTask;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.SlowTask")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SlowTask, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut name__ = None;
                let mut version__ = None;
                let mut duration__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Duration => {
                            if duration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("duration"));
                            }
                            duration__ = map_.next_value()?;
                        }
                    }
                }
                Ok(SlowTask {
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    duration: duration__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.SlowTask", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StalenessHealth {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "STALENESS_HEALTH_UNSPECIFIED",
            Self::Healthy => "STALENESS_HEALTH_HEALTHY",
            Self::Warning => "STALENESS_HEALTH_WARNING",
            Self::Stale => "STALENESS_HEALTH_STALE",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for StalenessHealth {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "STALENESS_HEALTH_UNSPECIFIED",
            "STALENESS_HEALTH_HEALTHY",
            "STALENESS_HEALTH_WARNING",
            "STALENESS_HEALTH_STALE",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StalenessHealth;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "STALENESS_HEALTH_UNSPECIFIED" => Ok(StalenessHealth::Unspecified),
                    "STALENESS_HEALTH_HEALTHY" => Ok(StalenessHealth::Healthy),
                    "STALENESS_HEALTH_WARNING" => Ok(StalenessHealth::Warning),
                    "STALENESS_HEALTH_STALE" => Ok(StalenessHealth::Stale),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for StalenessRecord {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.state != 0 {
            len += 1;
        }
        if self.state_entered_at.is_some() {
            len += 1;
        }
        if self.time_in_state.is_some() {
            len += 1;
        }
        if self.threshold.is_some() {
            len += 1;
        }
        if self.threshold_percentage != 0. {
            len += 1;
        }
        if self.health != 0 {
            len += 1;
        }
        if self.priority != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StalenessRecord", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if self.state != 0 {
            let v = TaskState::try_from(self.state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.state)))?;
            struct_ser.serialize_field("state", &v)?;
        }
        if let Some(v) = self.state_entered_at.as_ref() {
            struct_ser.serialize_field("stateEnteredAt", v)?;
        }
        if let Some(v) = self.time_in_state.as_ref() {
            struct_ser.serialize_field("timeInState", v)?;
        }
        if let Some(v) = self.threshold.as_ref() {
            struct_ser.serialize_field("threshold", v)?;
        }
        if self.threshold_percentage != 0. {
            struct_ser.serialize_field("thresholdPercentage", &self.threshold_percentage)?;
        }
        if self.health != 0 {
            let v = StalenessHealth::try_from(self.health)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.health)))?;
            struct_ser.serialize_field("health", &v)?;
        }
        if self.priority != 0 {
            struct_ser.serialize_field("priority", &self.priority)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StalenessRecord {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "namespace",
            "name",
            "version",
            "state",
            "state_entered_at",
            "stateEnteredAt",
            "time_in_state",
            "timeInState",
            "threshold",
            "threshold_percentage",
            "thresholdPercentage",
            "health",
            "priority",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            Namespace,
            Name,
            Version,
            State,
            StateEnteredAt,
            TimeInState,
            Threshold,
            ThresholdPercentage,
            Health,
            Priority,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            "state" => Ok(GeneratedField::State),
                            "stateEnteredAt" | "state_entered_at" => Ok(GeneratedField::StateEnteredAt),
                            "timeInState" | "time_in_state" => Ok(GeneratedField::TimeInState),
                            "threshold" => Ok(GeneratedField::Threshold),
                            "thresholdPercentage" | "threshold_percentage" => Ok(GeneratedField::ThresholdPercentage),
                            "health" => Ok(GeneratedField::Health),
                            "priority" => Ok(GeneratedField::Priority),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StalenessRecord;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StalenessRecord")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StalenessRecord, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut namespace__ = None;
                let mut name__ = None;
                let mut version__ = None;
                let mut state__ = None;
                let mut state_entered_at__ = None;
                let mut time_in_state__ = None;
                let mut threshold__ = None;
                let mut threshold_percentage__ = None;
                let mut health__ = None;
                let mut priority__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                        GeneratedField::StateEnteredAt => {
                            if state_entered_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stateEnteredAt"));
                            }
                            state_entered_at__ = map_.next_value()?;
                        }
                        GeneratedField::TimeInState => {
                            if time_in_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timeInState"));
                            }
                            time_in_state__ = map_.next_value()?;
                        }
                        GeneratedField::Threshold => {
                            if threshold__.is_some() {
                                return Err(serde::de::Error::duplicate_field("threshold"));
                            }
                            threshold__ = map_.next_value()?;
                        }
                        GeneratedField::ThresholdPercentage => {
                            if threshold_percentage__.is_some() {
                                return Err(serde::de::Error::duplicate_field("thresholdPercentage"));
                            }
                            threshold_percentage__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Health => {
                            if health__.is_some() {
                                return Err(serde::de::Error::duplicate_field("health"));
                            }
                            health__ = Some(map_.next_value::<StalenessHealth>()? as i32);
                        }
                        GeneratedField::Priority => {
                            if priority__.is_some() {
                                return Err(serde::de::Error::duplicate_field("priority"));
                            }
                            priority__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(StalenessRecord {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    state: state__.unwrap_or_default(),
                    state_entered_at: state_entered_at__,
                    time_in_state: time_in_state__,
                    threshold: threshold__,
                    threshold_percentage: threshold_percentage__.unwrap_or_default(),
                    health: health__.unwrap_or_default(),
                    priority: priority__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StalenessRecord", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StalenessThresholds {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.waiting.is_some() {
            len += 1;
        }
        if self.processing.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StalenessThresholds", len)?;
        if let Some(v) = self.waiting.as_ref() {
            struct_ser.serialize_field("waiting", v)?;
        }
        if let Some(v) = self.processing.as_ref() {
            struct_ser.serialize_field("processing", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StalenessThresholds {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "waiting",
            "processing",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Waiting,
            Processing,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "waiting" => Ok(GeneratedField::Waiting),
                            "processing" => Ok(GeneratedField::Processing),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StalenessThresholds;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StalenessThresholds")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StalenessThresholds, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut waiting__ = None;
                let mut processing__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Waiting => {
                            if waiting__.is_some() {
                                return Err(serde::de::Error::duplicate_field("waiting"));
                            }
                            waiting__ = map_.next_value()?;
                        }
                        GeneratedField::Processing => {
                            if processing__.is_some() {
                                return Err(serde::de::Error::duplicate_field("processing"));
                            }
                            processing__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StalenessThresholds {
                    waiting: waiting__,
                    processing: processing__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StalenessThresholds", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Step {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.step_uuid.is_empty() {
            len += 1;
        }
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.handler.is_empty() {
            len += 1;
        }
        if self.state != 0 {
            len += 1;
        }
        if !self.depends_on.is_empty() {
            len += 1;
        }
        if self.attempts != 0 {
            len += 1;
        }
        if self.max_attempts != 0 {
            len += 1;
        }
        if self.retryable {
            len += 1;
        }
        if self.next_retry_at.is_some() {
            len += 1;
        }
        if self.last_error.is_some() {
            len += 1;
        }
        if self.results.is_some() {
            len += 1;
        }
        if self.handler_config.is_some() {
            len += 1;
        }
        if self.timeout.is_some() {
            len += 1;
        }
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if self.lease_expires_at.is_some() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        if self.last_attempted_at.is_some() {
            len += 1;
        }
        if self.completed_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.Step", len)?;
        if !self.step_uuid.is_empty() {
            struct_ser.serialize_field("stepUuid", &self.step_uuid)?;
        }
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.handler.is_empty() {
            struct_ser.serialize_field("handler", &self.handler)?;
        }
        if self.state != 0 {
            let v = StepState::try_from(self.state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.state)))?;
            struct_ser.serialize_field("state", &v)?;
        }
        if !self.depends_on.is_empty() {
            struct_ser.serialize_field("dependsOn", &self.depends_on)?;
        }
        if self.attempts != 0 {
            struct_ser.serialize_field("attempts", &self.attempts)?;
        }
        if self.max_attempts != 0 {
            struct_ser.serialize_field("maxAttempts", &self.max_attempts)?;
        }
        if self.retryable {
            struct_ser.serialize_field("retryable", &self.retryable)?;
        }
        if let Some(v) = self.next_retry_at.as_ref() {
            struct_ser.serialize_field("nextRetryAt", v)?;
        }
        if let Some(v) = self.last_error.as_ref() {
            struct_ser.serialize_field("lastError", v)?;
        }
        if let Some(v) = self.results.as_ref() {
            struct_ser.serialize_field("results", v)?;
        }
        if let Some(v) = self.handler_config.as_ref() {
            struct_ser.serialize_field("handlerConfig", v)?;
        }
        if let Some(v) = self.timeout.as_ref() {
            struct_ser.serialize_field("timeout", v)?;
        }
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if let Some(v) = self.lease_expires_at.as_ref() {
            struct_ser.serialize_field("leaseExpiresAt", v)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("createdAt", v)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updatedAt", v)?;
        }
        if let Some(v) = self.last_attempted_at.as_ref() {
            struct_ser.serialize_field("lastAttemptedAt", v)?;
        }
        if let Some(v) = self.completed_at.as_ref() {
            struct_ser.serialize_field("completedAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Step {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "step_uuid",
            "stepUuid",
            "task_uuid",
            "taskUuid",
            "name",
            "handler",
            "state",
            "depends_on",
            "dependsOn",
            "attempts",
            "max_attempts",
            "maxAttempts",
            "retryable",
            "next_retry_at",
            "nextRetryAt",
            "last_error",
            "lastError",
            "results",
            "handler_config",
            "handlerConfig",
            "timeout",
            "worker_uuid",
            "workerUuid",
            "lease_expires_at",
            "leaseExpiresAt",
            "created_at",
            "createdAt",
            "updated_at",
            "updatedAt",
            "last_attempted_at",
            "lastAttemptedAt",
            "completed_at",
            "completedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            StepUuid,
            TaskUuid,
            Name,
            Handler,
            State,
            DependsOn,
            Attempts,
            MaxAttempts,
            Retryable,
            NextRetryAt,
            LastError,
            Results,
            HandlerConfig,
            Timeout,
            WorkerUuid,
            LeaseExpiresAt,
            CreatedAt,
            UpdatedAt,
            LastAttemptedAt,
            CompletedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "stepUuid" | "step_uuid" => Ok(GeneratedField::StepUuid),
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "name" => Ok(GeneratedField::Name),
                            "handler" => Ok(GeneratedField::Handler),
                            "state" => Ok(GeneratedField::State),
                            "dependsOn" | "depends_on" => Ok(GeneratedField::DependsOn),
                            "attempts" => Ok(GeneratedField::Attempts),
                            "maxAttempts" | "max_attempts" => Ok(GeneratedField::MaxAttempts),
                            "retryable" => Ok(GeneratedField::Retryable),
                            "nextRetryAt" | "next_retry_at" => Ok(GeneratedField::NextRetryAt),
                            "lastError" | "last_error" => Ok(GeneratedField::LastError),
                            "results" => Ok(GeneratedField::Results),
                            "handlerConfig" | "handler_config" => Ok(GeneratedField::HandlerConfig),
                            "timeout" => Ok(GeneratedField::Timeout),
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "leaseExpiresAt" | "lease_expires_at" => Ok(GeneratedField::LeaseExpiresAt),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            "lastAttemptedAt" | "last_attempted_at" => Ok(GeneratedField::LastAttemptedAt),
                            "completedAt" | "completed_at" => Ok(GeneratedField::CompletedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Step;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.Step")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Step, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut step_uuid__ = None;
                let mut task_uuid__ = None;
                let mut name__ = None;
                let mut handler__ = None;
                let mut state__ = None;
                let mut depends_on__ = None;
                let mut attempts__ = None;
                let mut max_attempts__ = None;
                let mut retryable__ = None;
                let mut next_retry_at__ = None;
                let mut last_error__ = None;
                let mut results__ = None;
                let mut handler_config__ = None;
                let mut timeout__ = None;
                let mut worker_uuid__ = None;
                let mut lease_expires_at__ = None;
                let mut created_at__ = None;
                let mut updated_at__ = None;
                let mut last_attempted_at__ = None;
                let mut completed_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::StepUuid => {
                            if step_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepUuid"));
                            }
                            step_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handler => {
                            if handler__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handler"));
                            }
                            handler__ = Some(map_.next_value()?);
                        }
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = Some(map_.next_value::<StepState>()? as i32);
                        }
                        GeneratedField::DependsOn => {
                            if depends_on__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dependsOn"));
                            }
                            depends_on__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempts => {
                            if attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempts"));
                            }
                            attempts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::MaxAttempts => {
                            if max_attempts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxAttempts"));
                            }
                            max_attempts__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Retryable => {
                            if retryable__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryable"));
                            }
                            retryable__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextRetryAt => {
                            if next_retry_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextRetryAt"));
                            }
                            next_retry_at__ = map_.next_value()?;
                        }
                        GeneratedField::LastError => {
                            if last_error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastError"));
                            }
                            last_error__ = map_.next_value()?;
                        }
                        GeneratedField::Results => {
                            if results__.is_some() {
                                return Err(serde::de::Error::duplicate_field("results"));
                            }
                            results__ = map_.next_value()?;
                        }
                        GeneratedField::HandlerConfig => {
                            if handler_config__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handlerConfig"));
                            }
                            handler_config__ = map_.next_value()?;
                        }
                        GeneratedField::Timeout => {
                            if timeout__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timeout"));
                            }
                            timeout__ = map_.next_value()?;
                        }
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::LeaseExpiresAt => {
                            if lease_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("leaseExpiresAt"));
                            }
                            lease_expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                        GeneratedField::LastAttemptedAt => {
                            if last_attempted_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastAttemptedAt"));
                            }
                            last_attempted_at__ = map_.next_value()?;
                        }
                        GeneratedField::CompletedAt => {
                            if completed_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("completedAt"));
                            }
                            completed_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Step {
                    step_uuid: step_uuid__.unwrap_or_default(),
                    task_uuid: task_uuid__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    handler: handler__.unwrap_or_default(),
                    state: state__.unwrap_or_default(),
                    depends_on: depends_on__.unwrap_or_default(),
                    attempts: attempts__.unwrap_or_default(),
                    max_attempts: max_attempts__.unwrap_or_default(),
                    retryable: retryable__.unwrap_or_default(),
                    next_retry_at: next_retry_at__,
                    last_error: last_error__,
                    results: results__,
                    handler_config: handler_config__,
                    timeout: timeout__,
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    lease_expires_at: lease_expires_at__,
                    created_at: created_at__,
                    updated_at: updated_at__,
                    last_attempted_at: last_attempted_at__,
                    completed_at: completed_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.Step", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StepAuditRecord {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.transition_uuid.is_empty() {
            len += 1;
        }
        if !self.step_uuid.is_empty() {
            len += 1;
        }
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if self.from_state != 0 {
            len += 1;
        }
        if self.to_state != 0 {
            len += 1;
        }
        if !self.event.is_empty() {
            len += 1;
        }
        if !self.performed_by.is_empty() {
            len += 1;
        }
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if self.attempt != 0 {
            len += 1;
        }
        if self.execution_duration.is_some() {
            len += 1;
        }
        if self.results.is_some() {
            len += 1;
        }
        if self.error.is_some() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if self.occurred_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StepAuditRecord", len)?;
        if !self.transition_uuid.is_empty() {
            struct_ser.serialize_field("transitionUuid", &self.transition_uuid)?;
        }
        if !self.step_uuid.is_empty() {
            struct_ser.serialize_field("stepUuid", &self.step_uuid)?;
        }
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if self.from_state != 0 {
            let v = StepState::try_from(self.from_state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.from_state)))?;
            struct_ser.serialize_field("fromState", &v)?;
        }
        if self.to_state != 0 {
            let v = StepState::try_from(self.to_state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.to_state)))?;
            struct_ser.serialize_field("toState", &v)?;
        }
        if !self.event.is_empty() {
            struct_ser.serialize_field("event", &self.event)?;
        }
        if !self.performed_by.is_empty() {
            struct_ser.serialize_field("performedBy", &self.performed_by)?;
        }
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if self.attempt != 0 {
            struct_ser.serialize_field("attempt", &self.attempt)?;
        }
        if let Some(v) = self.execution_duration.as_ref() {
            struct_ser.serialize_field("executionDuration", v)?;
        }
        if let Some(v) = self.results.as_ref() {
            struct_ser.serialize_field("results", v)?;
        }
        if let Some(v) = self.error.as_ref() {
            struct_ser.serialize_field("error", v)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if let Some(v) = self.occurred_at.as_ref() {
            struct_ser.serialize_field("occurredAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StepAuditRecord {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "transition_uuid",
            "transitionUuid",
            "step_uuid",
            "stepUuid",
            "task_uuid",
            "taskUuid",
            "from_state",
            "fromState",
            "to_state",
            "toState",
            "event",
            "performed_by",
            "performedBy",
            "worker_uuid",
            "workerUuid",
            "attempt",
            "execution_duration",
            "executionDuration",
            "results",
            "error",
            "reason",
            "occurred_at",
            "occurredAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TransitionUuid,
            StepUuid,
            TaskUuid,
            FromState,
            ToState,
            Event,
            PerformedBy,
            WorkerUuid,
            Attempt,
            ExecutionDuration,
            Results,
            Error,
            Reason,
            OccurredAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "transitionUuid" | "transition_uuid" => Ok(GeneratedField::TransitionUuid),
                            "stepUuid" | "step_uuid" => Ok(GeneratedField::StepUuid),
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "fromState" | "from_state" => Ok(GeneratedField::FromState),
                            "toState" | "to_state" => Ok(GeneratedField::ToState),
                            "event" => Ok(GeneratedField::Event),
                            "performedBy" | "performed_by" => Ok(GeneratedField::PerformedBy),
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "attempt" => Ok(GeneratedField::Attempt),
                            "executionDuration" | "execution_duration" => Ok(GeneratedField::ExecutionDuration),
                            "results" => Ok(GeneratedField::Results),
                            "error" => Ok(GeneratedField::Error),
                            "reason" => Ok(GeneratedField::Reason),
                            "occurredAt" | "occurred_at" => Ok(GeneratedField::OccurredAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepAuditRecord;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StepAuditRecord")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StepAuditRecord, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut transition_uuid__ = None;
                let mut step_uuid__ = None;
                let mut task_uuid__ = None;
                let mut from_state__ = None;
                let mut to_state__ = None;
                let mut event__ = None;
                let mut performed_by__ = None;
                let mut worker_uuid__ = None;
                let mut attempt__ = None;
                let mut execution_duration__ = None;
                let mut results__ = None;
                let mut error__ = None;
                let mut reason__ = None;
                let mut occurred_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TransitionUuid => {
                            if transition_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("transitionUuid"));
                            }
                            transition_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepUuid => {
                            if step_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepUuid"));
                            }
                            step_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FromState => {
                            if from_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("fromState"));
                            }
                            from_state__ = Some(map_.next_value::<StepState>()? as i32);
                        }
                        GeneratedField::ToState => {
                            if to_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("toState"));
                            }
                            to_state__ = Some(map_.next_value::<StepState>()? as i32);
                        }
                        GeneratedField::Event => {
                            if event__.is_some() {
                                return Err(serde::de::Error::duplicate_field("event"));
                            }
                            event__ = Some(map_.next_value()?);
                        }
                        GeneratedField::PerformedBy => {
                            if performed_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("performedBy"));
                            }
                            performed_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Attempt => {
                            if attempt__.is_some() {
                                return Err(serde::de::Error::duplicate_field("attempt"));
                            }
                            attempt__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ExecutionDuration => {
                            if execution_duration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("executionDuration"));
                            }
                            execution_duration__ = map_.next_value()?;
                        }
                        GeneratedField::Results => {
                            if results__.is_some() {
                                return Err(serde::de::Error::duplicate_field("results"));
                            }
                            results__ = map_.next_value()?;
                        }
                        GeneratedField::Error => {
                            if error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("error"));
                            }
                            error__ = map_.next_value()?;
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::OccurredAt => {
                            if occurred_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("occurredAt"));
                            }
                            occurred_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StepAuditRecord {
                    transition_uuid: transition_uuid__.unwrap_or_default(),
                    step_uuid: step_uuid__.unwrap_or_default(),
                    task_uuid: task_uuid__.unwrap_or_default(),
                    from_state: from_state__.unwrap_or_default(),
                    to_state: to_state__.unwrap_or_default(),
                    event: event__.unwrap_or_default(),
                    performed_by: performed_by__.unwrap_or_default(),
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    attempt: attempt__.unwrap_or_default(),
                    execution_duration: execution_duration__,
                    results: results__,
                    error: error__,
                    reason: reason__.unwrap_or_default(),
                    occurred_at: occurred_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StepAuditRecord", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StepCounts {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.total != 0 {
            len += 1;
        }
        if self.pending != 0 {
            len += 1;
        }
        if self.enqueued != 0 {
            len += 1;
        }
        if self.in_progress != 0 {
            len += 1;
        }
        if self.enqueued_for_orchestration != 0 {
            len += 1;
        }
        if self.enqueued_as_error_for_orchestration != 0 {
            len += 1;
        }
        if self.waiting_for_retry != 0 {
            len += 1;
        }
        if self.complete != 0 {
            len += 1;
        }
        if self.error != 0 {
            len += 1;
        }
        if self.cancelled != 0 {
            len += 1;
        }
        if self.resolved_manually != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StepCounts", len)?;
        if self.total != 0 {
            struct_ser.serialize_field("total", &self.total)?;
        }
        if self.pending != 0 {
            struct_ser.serialize_field("pending", &self.pending)?;
        }
        if self.enqueued != 0 {
            struct_ser.serialize_field("enqueued", &self.enqueued)?;
        }
        if self.in_progress != 0 {
            struct_ser.serialize_field("inProgress", &self.in_progress)?;
        }
        if self.enqueued_for_orchestration != 0 {
            struct_ser.serialize_field("enqueuedForOrchestration", &self.enqueued_for_orchestration)?;
        }
        if self.enqueued_as_error_for_orchestration != 0 {
            struct_ser.serialize_field("enqueuedAsErrorForOrchestration", &self.enqueued_as_error_for_orchestration)?;
        }
        if self.waiting_for_retry != 0 {
            struct_ser.serialize_field("waitingForRetry", &self.waiting_for_retry)?;
        }
        if self.complete != 0 {
            struct_ser.serialize_field("complete", &self.complete)?;
        }
        if self.error != 0 {
            struct_ser.serialize_field("error", &self.error)?;
        }
        if self.cancelled != 0 {
            struct_ser.serialize_field("cancelled", &self.cancelled)?;
        }
        if self.resolved_manually != 0 {
            struct_ser.serialize_field("resolvedManually", &self.resolved_manually)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StepCounts {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "total",
            "pending",
            "enqueued",
            "in_progress",
            "inProgress",
            "enqueued_for_orchestration",
            "enqueuedForOrchestration",
            "enqueued_as_error_for_orchestration",
            "enqueuedAsErrorForOrchestration",
            "waiting_for_retry",
            "waitingForRetry",
            "complete",
            "error",
            "cancelled",
            "resolved_manually",
            "resolvedManually",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Total,
            Pending,
            Enqueued,
            InProgress,
            EnqueuedForOrchestration,
            EnqueuedAsErrorForOrchestration,
            WaitingForRetry,
            Complete,
            Error,
            Cancelled,
            ResolvedManually,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "total" => Ok(GeneratedField::Total),
                            "pending" => Ok(GeneratedField::Pending),
                            "enqueued" => Ok(GeneratedField::Enqueued),
                            "inProgress" | "in_progress" => Ok(GeneratedField::InProgress),
                            "enqueuedForOrchestration" | "enqueued_for_orchestration" => Ok(GeneratedField::EnqueuedForOrchestration),
                            "enqueuedAsErrorForOrchestration" | "enqueued_as_error_for_orchestration" => Ok(GeneratedField::EnqueuedAsErrorForOrchestration),
                            "waitingForRetry" | "waiting_for_retry" => Ok(GeneratedField::WaitingForRetry),
                            "complete" => Ok(GeneratedField::Complete),
                            "error" => Ok(GeneratedField::Error),
                            "cancelled" => Ok(GeneratedField::Cancelled),
                            "resolvedManually" | "resolved_manually" => Ok(GeneratedField::ResolvedManually),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepCounts;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StepCounts")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StepCounts, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut total__ = None;
                let mut pending__ = None;
                let mut enqueued__ = None;
                let mut in_progress__ = None;
                let mut enqueued_for_orchestration__ = None;
                let mut enqueued_as_error_for_orchestration__ = None;
                let mut waiting_for_retry__ = None;
                let mut complete__ = None;
                let mut error__ = None;
                let mut cancelled__ = None;
                let mut resolved_manually__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Total => {
                            if total__.is_some() {
                                return Err(serde::de::Error::duplicate_field("total"));
                            }
                            total__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Pending => {
                            if pending__.is_some() {
                                return Err(serde::de::Error::duplicate_field("pending"));
                            }
                            pending__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Enqueued => {
                            if enqueued__.is_some() {
                                return Err(serde::de::Error::duplicate_field("enqueued"));
                            }
                            enqueued__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::InProgress => {
                            if in_progress__.is_some() {
                                return Err(serde::de::Error::duplicate_field("inProgress"));
                            }
                            in_progress__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::EnqueuedForOrchestration => {
                            if enqueued_for_orchestration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("enqueuedForOrchestration"));
                            }
                            enqueued_for_orchestration__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::EnqueuedAsErrorForOrchestration => {
                            if enqueued_as_error_for_orchestration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("enqueuedAsErrorForOrchestration"));
                            }
                            enqueued_as_error_for_orchestration__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::WaitingForRetry => {
                            if waiting_for_retry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("waitingForRetry"));
                            }
                            waiting_for_retry__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Complete => {
                            if complete__.is_some() {
                                return Err(serde::de::Error::duplicate_field("complete"));
                            }
                            complete__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Error => {
                            if error__.is_some() {
                                return Err(serde::de::Error::duplicate_field("error"));
                            }
                            error__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Cancelled => {
                            if cancelled__.is_some() {
                                return Err(serde::de::Error::duplicate_field("cancelled"));
                            }
                            cancelled__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ResolvedManually => {
                            if resolved_manually__.is_some() {
                                return Err(serde::de::Error::duplicate_field("resolvedManually"));
                            }
                            resolved_manually__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(StepCounts {
                    total: total__.unwrap_or_default(),
                    pending: pending__.unwrap_or_default(),
                    enqueued: enqueued__.unwrap_or_default(),
                    in_progress: in_progress__.unwrap_or_default(),
                    enqueued_for_orchestration: enqueued_for_orchestration__.unwrap_or_default(),
                    enqueued_as_error_for_orchestration: enqueued_as_error_for_orchestration__.unwrap_or_default(),
                    waiting_for_retry: waiting_for_retry__.unwrap_or_default(),
                    complete: complete__.unwrap_or_default(),
                    error: error__.unwrap_or_default(),
                    cancelled: cancelled__.unwrap_or_default(),
                    resolved_manually: resolved_manually__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StepCounts", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StepDefinition {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if !self.handler.is_empty() {
            len += 1;
        }
        if !self.depends_on.is_empty() {
            len += 1;
        }
        if self.retry.is_some() {
            len += 1;
        }
        if self.timeout.is_some() {
            len += 1;
        }
        if self.handler_config.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StepDefinition", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if !self.handler.is_empty() {
            struct_ser.serialize_field("handler", &self.handler)?;
        }
        if !self.depends_on.is_empty() {
            struct_ser.serialize_field("dependsOn", &self.depends_on)?;
        }
        if let Some(v) = self.retry.as_ref() {
            struct_ser.serialize_field("retry", v)?;
        }
        if let Some(v) = self.timeout.as_ref() {
            struct_ser.serialize_field("timeout", v)?;
        }
        if let Some(v) = self.handler_config.as_ref() {
            struct_ser.serialize_field("handlerConfig", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StepDefinition {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "description",
            "handler",
            "depends_on",
            "dependsOn",
            "retry",
            "timeout",
            "handler_config",
            "handlerConfig",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            Description,
            Handler,
            DependsOn,
            Retry,
            Timeout,
            HandlerConfig,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "description" => Ok(GeneratedField::Description),
                            "handler" => Ok(GeneratedField::Handler),
                            "dependsOn" | "depends_on" => Ok(GeneratedField::DependsOn),
                            "retry" => Ok(GeneratedField::Retry),
                            "timeout" => Ok(GeneratedField::Timeout),
                            "handlerConfig" | "handler_config" => Ok(GeneratedField::HandlerConfig),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepDefinition;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StepDefinition")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StepDefinition, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut description__ = None;
                let mut handler__ = None;
                let mut depends_on__ = None;
                let mut retry__ = None;
                let mut timeout__ = None;
                let mut handler_config__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handler => {
                            if handler__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handler"));
                            }
                            handler__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DependsOn => {
                            if depends_on__.is_some() {
                                return Err(serde::de::Error::duplicate_field("dependsOn"));
                            }
                            depends_on__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Retry => {
                            if retry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retry"));
                            }
                            retry__ = map_.next_value()?;
                        }
                        GeneratedField::Timeout => {
                            if timeout__.is_some() {
                                return Err(serde::de::Error::duplicate_field("timeout"));
                            }
                            timeout__ = map_.next_value()?;
                        }
                        GeneratedField::HandlerConfig => {
                            if handler_config__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handlerConfig"));
                            }
                            handler_config__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StepDefinition {
                    name: name__.unwrap_or_default(),
                    description: description__.unwrap_or_default(),
                    handler: handler__.unwrap_or_default(),
                    depends_on: depends_on__.unwrap_or_default(),
                    retry: retry__,
                    timeout: timeout__,
                    handler_config: handler_config__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StepDefinition", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StepError {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.message.is_empty() {
            len += 1;
        }
        if !self.error_class.is_empty() {
            len += 1;
        }
        if self.retryable {
            len += 1;
        }
        if self.details.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StepError", len)?;
        if !self.message.is_empty() {
            struct_ser.serialize_field("message", &self.message)?;
        }
        if !self.error_class.is_empty() {
            struct_ser.serialize_field("errorClass", &self.error_class)?;
        }
        if self.retryable {
            struct_ser.serialize_field("retryable", &self.retryable)?;
        }
        if let Some(v) = self.details.as_ref() {
            struct_ser.serialize_field("details", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StepError {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "message",
            "error_class",
            "errorClass",
            "retryable",
            "details",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Message,
            ErrorClass,
            Retryable,
            Details,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "message" => Ok(GeneratedField::Message),
                            "errorClass" | "error_class" => Ok(GeneratedField::ErrorClass),
                            "retryable" => Ok(GeneratedField::Retryable),
                            "details" => Ok(GeneratedField::Details),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepError;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StepError")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StepError, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut message__ = None;
                let mut error_class__ = None;
                let mut retryable__ = None;
                let mut details__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Message => {
                            if message__.is_some() {
                                return Err(serde::de::Error::duplicate_field("message"));
                            }
                            message__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ErrorClass => {
                            if error_class__.is_some() {
                                return Err(serde::de::Error::duplicate_field("errorClass"));
                            }
                            error_class__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Retryable => {
                            if retryable__.is_some() {
                                return Err(serde::de::Error::duplicate_field("retryable"));
                            }
                            retryable__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Details => {
                            if details__.is_some() {
                                return Err(serde::de::Error::duplicate_field("details"));
                            }
                            details__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StepError {
                    message: message__.unwrap_or_default(),
                    error_class: error_class__.unwrap_or_default(),
                    retryable: retryable__.unwrap_or_default(),
                    details: details__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StepError", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StepReport {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.claim_uuid.is_empty() {
            len += 1;
        }
        if self.execution_duration.is_some() {
            len += 1;
        }
        if self.outcome.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StepReport", len)?;
        if !self.claim_uuid.is_empty() {
            struct_ser.serialize_field("claimUuid", &self.claim_uuid)?;
        }
        if let Some(v) = self.execution_duration.as_ref() {
            struct_ser.serialize_field("executionDuration", v)?;
        }
        if let Some(v) = self.outcome.as_ref() {
            match v {
                step_report::Outcome::Results(v) => {
                    struct_ser.serialize_field("results", v)?;
                }
                step_report::Outcome::Failure(v) => {
                    struct_ser.serialize_field("failure", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StepReport {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "claim_uuid",
            "claimUuid",
            "execution_duration",
            "executionDuration",
            "results",
            "failure",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ClaimUuid,
            ExecutionDuration,
            Results,
            Failure,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "claimUuid" | "claim_uuid" => Ok(GeneratedField::ClaimUuid),
                            "executionDuration" | "execution_duration" => Ok(GeneratedField::ExecutionDuration),
                            "results" => Ok(GeneratedField::Results),
                            "failure" => Ok(GeneratedField::Failure),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepReport;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StepReport")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StepReport, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut claim_uuid__ = None;
                let mut execution_duration__ = None;
                let mut outcome__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ClaimUuid => {
                            if claim_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimUuid"));
                            }
                            claim_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ExecutionDuration => {
                            if execution_duration__.is_some() {
                                return Err(serde::de::Error::duplicate_field("executionDuration"));
                            }
                            execution_duration__ = map_.next_value()?;
                        }
                        GeneratedField::Results => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("results"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(step_report::Outcome::Results)
;
                        }
                        GeneratedField::Failure => {
                            if outcome__.is_some() {
                                return Err(serde::de::Error::duplicate_field("failure"));
                            }
                            outcome__ = map_.next_value::<::std::option::Option<_>>()?.map(step_report::Outcome::Failure)
;
                        }
                    }
                }
                Ok(StepReport {
                    claim_uuid: claim_uuid__.unwrap_or_default(),
                    execution_duration: execution_duration__,
                    outcome: outcome__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StepReport", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StepReportResult {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.claim_uuid.is_empty() {
            len += 1;
        }
        if self.status.is_some() {
            len += 1;
        }
        if self.step.is_some() {
            len += 1;
        }
        if self.will_retry {
            len += 1;
        }
        if self.next_retry_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StepReportResult", len)?;
        if !self.claim_uuid.is_empty() {
            struct_ser.serialize_field("claimUuid", &self.claim_uuid)?;
        }
        if let Some(v) = self.status.as_ref() {
            struct_ser.serialize_field("status", v)?;
        }
        if let Some(v) = self.step.as_ref() {
            struct_ser.serialize_field("step", v)?;
        }
        if self.will_retry {
            struct_ser.serialize_field("willRetry", &self.will_retry)?;
        }
        if let Some(v) = self.next_retry_at.as_ref() {
            struct_ser.serialize_field("nextRetryAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StepReportResult {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "claim_uuid",
            "claimUuid",
            "status",
            "step",
            "will_retry",
            "willRetry",
            "next_retry_at",
            "nextRetryAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            ClaimUuid,
            Status,
            Step,
            WillRetry,
            NextRetryAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "claimUuid" | "claim_uuid" => Ok(GeneratedField::ClaimUuid),
                            "status" => Ok(GeneratedField::Status),
                            "step" => Ok(GeneratedField::Step),
                            "willRetry" | "will_retry" => Ok(GeneratedField::WillRetry),
                            "nextRetryAt" | "next_retry_at" => Ok(GeneratedField::NextRetryAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepReportResult;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StepReportResult")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StepReportResult, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut claim_uuid__ = None;
                let mut status__ = None;
                let mut step__ = None;
                let mut will_retry__ = None;
                let mut next_retry_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::ClaimUuid => {
                            if claim_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("claimUuid"));
                            }
                            claim_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Status => {
                            if status__.is_some() {
                                return Err(serde::de::Error::duplicate_field("status"));
                            }
                            status__ = map_.next_value()?;
                        }
                        GeneratedField::Step => {
                            if step__.is_some() {
                                return Err(serde::de::Error::duplicate_field("step"));
                            }
                            step__ = map_.next_value()?;
                        }
                        GeneratedField::WillRetry => {
                            if will_retry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("willRetry"));
                            }
                            will_retry__ = Some(map_.next_value()?);
                        }
                        GeneratedField::NextRetryAt => {
                            if next_retry_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("nextRetryAt"));
                            }
                            next_retry_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StepReportResult {
                    claim_uuid: claim_uuid__.unwrap_or_default(),
                    status: status__,
                    step: step__,
                    will_retry: will_retry__.unwrap_or_default(),
                    next_retry_at: next_retry_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StepReportResult", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StepState {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "STEP_STATE_UNSPECIFIED",
            Self::Pending => "STEP_STATE_PENDING",
            Self::Enqueued => "STEP_STATE_ENQUEUED",
            Self::InProgress => "STEP_STATE_IN_PROGRESS",
            Self::EnqueuedForOrchestration => "STEP_STATE_ENQUEUED_FOR_ORCHESTRATION",
            Self::EnqueuedAsErrorForOrchestration => "STEP_STATE_ENQUEUED_AS_ERROR_FOR_ORCHESTRATION",
            Self::WaitingForRetry => "STEP_STATE_WAITING_FOR_RETRY",
            Self::Complete => "STEP_STATE_COMPLETE",
            Self::Error => "STEP_STATE_ERROR",
            Self::Cancelled => "STEP_STATE_CANCELLED",
            Self::ResolvedManually => "STEP_STATE_RESOLVED_MANUALLY",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for StepState {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "STEP_STATE_UNSPECIFIED",
            "STEP_STATE_PENDING",
            "STEP_STATE_ENQUEUED",
            "STEP_STATE_IN_PROGRESS",
            "STEP_STATE_ENQUEUED_FOR_ORCHESTRATION",
            "STEP_STATE_ENQUEUED_AS_ERROR_FOR_ORCHESTRATION",
            "STEP_STATE_WAITING_FOR_RETRY",
            "STEP_STATE_COMPLETE",
            "STEP_STATE_ERROR",
            "STEP_STATE_CANCELLED",
            "STEP_STATE_RESOLVED_MANUALLY",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepState;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "STEP_STATE_UNSPECIFIED" => Ok(StepState::Unspecified),
                    "STEP_STATE_PENDING" => Ok(StepState::Pending),
                    "STEP_STATE_ENQUEUED" => Ok(StepState::Enqueued),
                    "STEP_STATE_IN_PROGRESS" => Ok(StepState::InProgress),
                    "STEP_STATE_ENQUEUED_FOR_ORCHESTRATION" => Ok(StepState::EnqueuedForOrchestration),
                    "STEP_STATE_ENQUEUED_AS_ERROR_FOR_ORCHESTRATION" => Ok(StepState::EnqueuedAsErrorForOrchestration),
                    "STEP_STATE_WAITING_FOR_RETRY" => Ok(StepState::WaitingForRetry),
                    "STEP_STATE_COMPLETE" => Ok(StepState::Complete),
                    "STEP_STATE_ERROR" => Ok(StepState::Error),
                    "STEP_STATE_CANCELLED" => Ok(StepState::Cancelled),
                    "STEP_STATE_RESOLVED_MANUALLY" => Ok(StepState::ResolvedManually),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for StepStateChange {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.step_uuid.is_empty() {
            len += 1;
        }
        if !self.step_name.is_empty() {
            len += 1;
        }
        if self.from_state != 0 {
            len += 1;
        }
        if self.to_state != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StepStateChange", len)?;
        if !self.step_uuid.is_empty() {
            struct_ser.serialize_field("stepUuid", &self.step_uuid)?;
        }
        if !self.step_name.is_empty() {
            struct_ser.serialize_field("stepName", &self.step_name)?;
        }
        if self.from_state != 0 {
            let v = StepState::try_from(self.from_state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.from_state)))?;
            struct_ser.serialize_field("fromState", &v)?;
        }
        if self.to_state != 0 {
            let v = StepState::try_from(self.to_state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.to_state)))?;
            struct_ser.serialize_field("toState", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StepStateChange {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "step_uuid",
            "stepUuid",
            "step_name",
            "stepName",
            "from_state",
            "fromState",
            "to_state",
            "toState",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            StepUuid,
            StepName,
            FromState,
            ToState,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "stepUuid" | "step_uuid" => Ok(GeneratedField::StepUuid),
                            "stepName" | "step_name" => Ok(GeneratedField::StepName),
                            "fromState" | "from_state" => Ok(GeneratedField::FromState),
                            "toState" | "to_state" => Ok(GeneratedField::ToState),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StepStateChange;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StepStateChange")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StepStateChange, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut step_uuid__ = None;
                let mut step_name__ = None;
                let mut from_state__ = None;
                let mut to_state__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::StepUuid => {
                            if step_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepUuid"));
                            }
                            step_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepName => {
                            if step_name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepName"));
                            }
                            step_name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::FromState => {
                            if from_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("fromState"));
                            }
                            from_state__ = Some(map_.next_value::<StepState>()? as i32);
                        }
                        GeneratedField::ToState => {
                            if to_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("toState"));
                            }
                            to_state__ = Some(map_.next_value::<StepState>()? as i32);
                        }
                    }
                }
                Ok(StepStateChange {
                    step_uuid: step_uuid__.unwrap_or_default(),
                    step_name: step_name__.unwrap_or_default(),
                    from_state: from_state__.unwrap_or_default(),
                    to_state: to_state__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StepStateChange", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StreamTaskStatusRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StreamTaskStatusRequest", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StreamTaskStatusRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StreamTaskStatusRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StreamTaskStatusRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StreamTaskStatusRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(StreamTaskStatusRequest {
                    task_uuid: task_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StreamTaskStatusRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StreamTaskStatusResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.task.is_some() {
            len += 1;
        }
        if self.previous_state != 0 {
            len += 1;
        }
        if self.step_change.is_some() {
            len += 1;
        }
        if self.occurred_at.is_some() {
            len += 1;
        }
        if self.terminal {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.StreamTaskStatusResponse", len)?;
        if let Some(v) = self.task.as_ref() {
            struct_ser.serialize_field("task", v)?;
        }
        if self.previous_state != 0 {
            let v = TaskState::try_from(self.previous_state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.previous_state)))?;
            struct_ser.serialize_field("previousState", &v)?;
        }
        if let Some(v) = self.step_change.as_ref() {
            struct_ser.serialize_field("stepChange", v)?;
        }
        if let Some(v) = self.occurred_at.as_ref() {
            struct_ser.serialize_field("occurredAt", v)?;
        }
        if self.terminal {
            struct_ser.serialize_field("terminal", &self.terminal)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StreamTaskStatusResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task",
            "previous_state",
            "previousState",
            "step_change",
            "stepChange",
            "occurred_at",
            "occurredAt",
            "terminal",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Task,
            PreviousState,
            StepChange,
            OccurredAt,
            Terminal,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "task" => Ok(GeneratedField::Task),
                            "previousState" | "previous_state" => Ok(GeneratedField::PreviousState),
                            "stepChange" | "step_change" => Ok(GeneratedField::StepChange),
                            "occurredAt" | "occurred_at" => Ok(GeneratedField::OccurredAt),
                            "terminal" => Ok(GeneratedField::Terminal),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StreamTaskStatusResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.StreamTaskStatusResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StreamTaskStatusResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task__ = None;
                let mut previous_state__ = None;
                let mut step_change__ = None;
                let mut occurred_at__ = None;
                let mut terminal__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Task => {
                            if task__.is_some() {
                                return Err(serde::de::Error::duplicate_field("task"));
                            }
                            task__ = map_.next_value()?;
                        }
                        GeneratedField::PreviousState => {
                            if previous_state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("previousState"));
                            }
                            previous_state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                        GeneratedField::StepChange => {
                            if step_change__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepChange"));
                            }
                            step_change__ = map_.next_value()?;
                        }
                        GeneratedField::OccurredAt => {
                            if occurred_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("occurredAt"));
                            }
                            occurred_at__ = map_.next_value()?;
                        }
                        GeneratedField::Terminal => {
                            if terminal__.is_some() {
                                return Err(serde::de::Error::duplicate_field("terminal"));
                            }
                            terminal__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(StreamTaskStatusResponse {
                    task: task__,
                    previous_state: previous_state__.unwrap_or_default(),
                    step_change: step_change__,
                    occurred_at: occurred_at__,
                    terminal: terminal__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.StreamTaskStatusResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Task {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.task_uuid.is_empty() {
            len += 1;
        }
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.state != 0 {
            len += 1;
        }
        if self.context.is_some() {
            len += 1;
        }
        if !self.correlation_id.is_empty() {
            len += 1;
        }
        if !self.parent_correlation_id.is_empty() {
            len += 1;
        }
        if !self.initiator.is_empty() {
            len += 1;
        }
        if !self.source_system.is_empty() {
            len += 1;
        }
        if !self.reason.is_empty() {
            len += 1;
        }
        if self.priority != 0 {
            len += 1;
        }
        if !self.tags.is_empty() {
            len += 1;
        }
        if !self.idempotency_key.is_empty() {
            len += 1;
        }
        if self.step_counts.is_some() {
            len += 1;
        }
        if self.completion_percentage != 0. {
            len += 1;
        }
        if self.health != 0 {
            len += 1;
        }
        if !self.created_by.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        if self.completed_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.Task", len)?;
        if !self.task_uuid.is_empty() {
            struct_ser.serialize_field("taskUuid", &self.task_uuid)?;
        }
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if self.state != 0 {
            let v = TaskState::try_from(self.state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.state)))?;
            struct_ser.serialize_field("state", &v)?;
        }
        if let Some(v) = self.context.as_ref() {
            struct_ser.serialize_field("context", v)?;
        }
        if !self.correlation_id.is_empty() {
            struct_ser.serialize_field("correlationId", &self.correlation_id)?;
        }
        if !self.parent_correlation_id.is_empty() {
            struct_ser.serialize_field("parentCorrelationId", &self.parent_correlation_id)?;
        }
        if !self.initiator.is_empty() {
            struct_ser.serialize_field("initiator", &self.initiator)?;
        }
        if !self.source_system.is_empty() {
            struct_ser.serialize_field("sourceSystem", &self.source_system)?;
        }
        if !self.reason.is_empty() {
            struct_ser.serialize_field("reason", &self.reason)?;
        }
        if self.priority != 0 {
            struct_ser.serialize_field("priority", &self.priority)?;
        }
        if !self.tags.is_empty() {
            struct_ser.serialize_field("tags", &self.tags)?;
        }
        if !self.idempotency_key.is_empty() {
            struct_ser.serialize_field("idempotencyKey", &self.idempotency_key)?;
        }
        if let Some(v) = self.step_counts.as_ref() {
            struct_ser.serialize_field("stepCounts", v)?;
        }
        if self.completion_percentage != 0. {
            struct_ser.serialize_field("completionPercentage", &self.completion_percentage)?;
        }
        if self.health != 0 {
            let v = TaskHealth::try_from(self.health)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.health)))?;
            struct_ser.serialize_field("health", &v)?;
        }
        if !self.created_by.is_empty() {
            struct_ser.serialize_field("createdBy", &self.created_by)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("createdAt", v)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updatedAt", v)?;
        }
        if let Some(v) = self.completed_at.as_ref() {
            struct_ser.serialize_field("completedAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Task {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "task_uuid",
            "taskUuid",
            "namespace",
            "name",
            "version",
            "state",
            "context",
            "correlation_id",
            "correlationId",
            "parent_correlation_id",
            "parentCorrelationId",
            "initiator",
            "source_system",
            "sourceSystem",
            "reason",
            "priority",
            "tags",
            "idempotency_key",
            "idempotencyKey",
            "step_counts",
            "stepCounts",
            "completion_percentage",
            "completionPercentage",
            "health",
            "created_by",
            "createdBy",
            "created_at",
            "createdAt",
            "updated_at",
            "updatedAt",
            "completed_at",
            "completedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            TaskUuid,
            Namespace,
            Name,
            Version,
            State,
            Context,
            CorrelationId,
            ParentCorrelationId,
            Initiator,
            SourceSystem,
            Reason,
            Priority,
            Tags,
            IdempotencyKey,
            StepCounts,
            CompletionPercentage,
            Health,
            CreatedBy,
            CreatedAt,
            UpdatedAt,
            CompletedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "taskUuid" | "task_uuid" => Ok(GeneratedField::TaskUuid),
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            "state" => Ok(GeneratedField::State),
                            "context" => Ok(GeneratedField::Context),
                            "correlationId" | "correlation_id" => Ok(GeneratedField::CorrelationId),
                            "parentCorrelationId" | "parent_correlation_id" => Ok(GeneratedField::ParentCorrelationId),
                            "initiator" => Ok(GeneratedField::Initiator),
                            "sourceSystem" | "source_system" => Ok(GeneratedField::SourceSystem),
                            "reason" => Ok(GeneratedField::Reason),
                            "priority" => Ok(GeneratedField::Priority),
                            "tags" => Ok(GeneratedField::Tags),
                            "idempotencyKey" | "idempotency_key" => Ok(GeneratedField::IdempotencyKey),
                            "stepCounts" | "step_counts" => Ok(GeneratedField::StepCounts),
                            "completionPercentage" | "completion_percentage" => Ok(GeneratedField::CompletionPercentage),
                            "health" => Ok(GeneratedField::Health),
                            "createdBy" | "created_by" => Ok(GeneratedField::CreatedBy),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            "completedAt" | "completed_at" => Ok(GeneratedField::CompletedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Task;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.Task")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Task, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut task_uuid__ = None;
                let mut namespace__ = None;
                let mut name__ = None;
                let mut version__ = None;
                let mut state__ = None;
                let mut context__ = None;
                let mut correlation_id__ = None;
                let mut parent_correlation_id__ = None;
                let mut initiator__ = None;
                let mut source_system__ = None;
                let mut reason__ = None;
                let mut priority__ = None;
                let mut tags__ = None;
                let mut idempotency_key__ = None;
                let mut step_counts__ = None;
                let mut completion_percentage__ = None;
                let mut health__ = None;
                let mut created_by__ = None;
                let mut created_at__ = None;
                let mut updated_at__ = None;
                let mut completed_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::TaskUuid => {
                            if task_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskUuid"));
                            }
                            task_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                        GeneratedField::Context => {
                            if context__.is_some() {
                                return Err(serde::de::Error::duplicate_field("context"));
                            }
                            context__ = map_.next_value()?;
                        }
                        GeneratedField::CorrelationId => {
                            if correlation_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("correlationId"));
                            }
                            correlation_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ParentCorrelationId => {
                            if parent_correlation_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("parentCorrelationId"));
                            }
                            parent_correlation_id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Initiator => {
                            if initiator__.is_some() {
                                return Err(serde::de::Error::duplicate_field("initiator"));
                            }
                            initiator__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SourceSystem => {
                            if source_system__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sourceSystem"));
                            }
                            source_system__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Reason => {
                            if reason__.is_some() {
                                return Err(serde::de::Error::duplicate_field("reason"));
                            }
                            reason__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Priority => {
                            if priority__.is_some() {
                                return Err(serde::de::Error::duplicate_field("priority"));
                            }
                            priority__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Tags => {
                            if tags__.is_some() {
                                return Err(serde::de::Error::duplicate_field("tags"));
                            }
                            tags__ = Some(map_.next_value()?);
                        }
                        GeneratedField::IdempotencyKey => {
                            if idempotency_key__.is_some() {
                                return Err(serde::de::Error::duplicate_field("idempotencyKey"));
                            }
                            idempotency_key__ = Some(map_.next_value()?);
                        }
                        GeneratedField::StepCounts => {
                            if step_counts__.is_some() {
                                return Err(serde::de::Error::duplicate_field("stepCounts"));
                            }
                            step_counts__ = map_.next_value()?;
                        }
                        GeneratedField::CompletionPercentage => {
                            if completion_percentage__.is_some() {
                                return Err(serde::de::Error::duplicate_field("completionPercentage"));
                            }
                            completion_percentage__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Health => {
                            if health__.is_some() {
                                return Err(serde::de::Error::duplicate_field("health"));
                            }
                            health__ = Some(map_.next_value::<TaskHealth>()? as i32);
                        }
                        GeneratedField::CreatedBy => {
                            if created_by__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdBy"));
                            }
                            created_by__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                        GeneratedField::CompletedAt => {
                            if completed_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("completedAt"));
                            }
                            completed_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Task {
                    task_uuid: task_uuid__.unwrap_or_default(),
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    state: state__.unwrap_or_default(),
                    context: context__,
                    correlation_id: correlation_id__.unwrap_or_default(),
                    parent_correlation_id: parent_correlation_id__.unwrap_or_default(),
                    initiator: initiator__.unwrap_or_default(),
                    source_system: source_system__.unwrap_or_default(),
                    reason: reason__.unwrap_or_default(),
                    priority: priority__.unwrap_or_default(),
                    tags: tags__.unwrap_or_default(),
                    idempotency_key: idempotency_key__.unwrap_or_default(),
                    step_counts: step_counts__,
                    completion_percentage: completion_percentage__.unwrap_or_default(),
                    health: health__.unwrap_or_default(),
                    created_by: created_by__.unwrap_or_default(),
                    created_at: created_at__,
                    updated_at: updated_at__,
                    completed_at: completed_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.Task", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for TaskHealth {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "TASK_HEALTH_UNSPECIFIED",
            Self::Healthy => "TASK_HEALTH_HEALTHY",
            Self::Recovering => "TASK_HEALTH_RECOVERING",
            Self::Warning => "TASK_HEALTH_WARNING",
            Self::Stale => "TASK_HEALTH_STALE",
            Self::Blocked => "TASK_HEALTH_BLOCKED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for TaskHealth {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "TASK_HEALTH_UNSPECIFIED",
            "TASK_HEALTH_HEALTHY",
            "TASK_HEALTH_RECOVERING",
            "TASK_HEALTH_WARNING",
            "TASK_HEALTH_STALE",
            "TASK_HEALTH_BLOCKED",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskHealth;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "TASK_HEALTH_UNSPECIFIED" => Ok(TaskHealth::Unspecified),
                    "TASK_HEALTH_HEALTHY" => Ok(TaskHealth::Healthy),
                    "TASK_HEALTH_RECOVERING" => Ok(TaskHealth::Recovering),
                    "TASK_HEALTH_WARNING" => Ok(TaskHealth::Warning),
                    "TASK_HEALTH_STALE" => Ok(TaskHealth::Stale),
                    "TASK_HEALTH_BLOCKED" => Ok(TaskHealth::Blocked),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for TaskState {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "TASK_STATE_UNSPECIFIED",
            Self::Pending => "TASK_STATE_PENDING",
            Self::Initializing => "TASK_STATE_INITIALIZING",
            Self::EnqueuingSteps => "TASK_STATE_ENQUEUING_STEPS",
            Self::StepsInProcess => "TASK_STATE_STEPS_IN_PROCESS",
            Self::EvaluatingResults => "TASK_STATE_EVALUATING_RESULTS",
            Self::WaitingForDependencies => "TASK_STATE_WAITING_FOR_DEPENDENCIES",
            Self::WaitingForRetry => "TASK_STATE_WAITING_FOR_RETRY",
            Self::BlockedByFailures => "TASK_STATE_BLOCKED_BY_FAILURES",
            Self::Complete => "TASK_STATE_COMPLETE",
            Self::Error => "TASK_STATE_ERROR",
            Self::Cancelled => "TASK_STATE_CANCELLED",
            Self::ResolvedManually => "TASK_STATE_RESOLVED_MANUALLY",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for TaskState {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "TASK_STATE_UNSPECIFIED",
            "TASK_STATE_PENDING",
            "TASK_STATE_INITIALIZING",
            "TASK_STATE_ENQUEUING_STEPS",
            "TASK_STATE_STEPS_IN_PROCESS",
            "TASK_STATE_EVALUATING_RESULTS",
            "TASK_STATE_WAITING_FOR_DEPENDENCIES",
            "TASK_STATE_WAITING_FOR_RETRY",
            "TASK_STATE_BLOCKED_BY_FAILURES",
            "TASK_STATE_COMPLETE",
            "TASK_STATE_ERROR",
            "TASK_STATE_CANCELLED",
            "TASK_STATE_RESOLVED_MANUALLY",
        ];

        struct GeneratedVisitor;

        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskState;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "TASK_STATE_UNSPECIFIED" => Ok(TaskState::Unspecified),
                    "TASK_STATE_PENDING" => Ok(TaskState::Pending),
                    "TASK_STATE_INITIALIZING" => Ok(TaskState::Initializing),
                    "TASK_STATE_ENQUEUING_STEPS" => Ok(TaskState::EnqueuingSteps),
                    "TASK_STATE_STEPS_IN_PROCESS" => Ok(TaskState::StepsInProcess),
                    "TASK_STATE_EVALUATING_RESULTS" => Ok(TaskState::EvaluatingResults),
                    "TASK_STATE_WAITING_FOR_DEPENDENCIES" => Ok(TaskState::WaitingForDependencies),
                    "TASK_STATE_WAITING_FOR_RETRY" => Ok(TaskState::WaitingForRetry),
                    "TASK_STATE_BLOCKED_BY_FAILURES" => Ok(TaskState::BlockedByFailures),
                    "TASK_STATE_COMPLETE" => Ok(TaskState::Complete),
                    "TASK_STATE_ERROR" => Ok(TaskState::Error),
                    "TASK_STATE_CANCELLED" => Ok(TaskState::Cancelled),
                    "TASK_STATE_RESOLVED_MANUALLY" => Ok(TaskState::ResolvedManually),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for TaskStateCount {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.state != 0 {
            len += 1;
        }
        if self.count != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.TaskStateCount", len)?;
        if self.state != 0 {
            let v = TaskState::try_from(self.state)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.state)))?;
            struct_ser.serialize_field("state", &v)?;
        }
        if self.count != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("count", ToString::to_string(&self.count).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for TaskStateCount {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "state",
            "count",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            State,
            Count,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "state" => Ok(GeneratedField::State),
                            "count" => Ok(GeneratedField::Count),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TaskStateCount;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.TaskStateCount")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<TaskStateCount, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut state__ = None;
                let mut count__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::State => {
                            if state__.is_some() {
                                return Err(serde::de::Error::duplicate_field("state"));
                            }
                            state__ = Some(map_.next_value::<TaskState>()? as i32);
                        }
                        GeneratedField::Count => {
                            if count__.is_some() {
                                return Err(serde::de::Error::duplicate_field("count"));
                            }
                            count__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(TaskStateCount {
                    state: state__.unwrap_or_default(),
                    count: count__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.TaskStateCount", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Template {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.namespace.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if !self.steps.is_empty() {
            len += 1;
        }
        if self.default_retry.is_some() {
            len += 1;
        }
        if self.context_schema.is_some() {
            len += 1;
        }
        if self.staleness.is_some() {
            len += 1;
        }
        if !self.content_hash.is_empty() {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.Template", len)?;
        if !self.namespace.is_empty() {
            struct_ser.serialize_field("namespace", &self.namespace)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if !self.steps.is_empty() {
            struct_ser.serialize_field("steps", &self.steps)?;
        }
        if let Some(v) = self.default_retry.as_ref() {
            struct_ser.serialize_field("defaultRetry", v)?;
        }
        if let Some(v) = self.context_schema.as_ref() {
            struct_ser.serialize_field("contextSchema", v)?;
        }
        if let Some(v) = self.staleness.as_ref() {
            struct_ser.serialize_field("staleness", v)?;
        }
        if !self.content_hash.is_empty() {
            struct_ser.serialize_field("contentHash", &self.content_hash)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("createdAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Template {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "namespace",
            "name",
            "version",
            "description",
            "steps",
            "default_retry",
            "defaultRetry",
            "context_schema",
            "contextSchema",
            "staleness",
            "content_hash",
            "contentHash",
            "created_at",
            "createdAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Namespace,
            Name,
            Version,
            Description,
            Steps,
            DefaultRetry,
            ContextSchema,
            Staleness,
            ContentHash,
            CreatedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "namespace" => Ok(GeneratedField::Namespace),
                            "name" => Ok(GeneratedField::Name),
                            "version" => Ok(GeneratedField::Version),
                            "description" => Ok(GeneratedField::Description),
                            "steps" => Ok(GeneratedField::Steps),
                            "defaultRetry" | "default_retry" => Ok(GeneratedField::DefaultRetry),
                            "contextSchema" | "context_schema" => Ok(GeneratedField::ContextSchema),
                            "staleness" => Ok(GeneratedField::Staleness),
                            "contentHash" | "content_hash" => Ok(GeneratedField::ContentHash),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Template;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.Template")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Template, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut namespace__ = None;
                let mut name__ = None;
                let mut version__ = None;
                let mut description__ = None;
                let mut steps__ = None;
                let mut default_retry__ = None;
                let mut context_schema__ = None;
                let mut staleness__ = None;
                let mut content_hash__ = None;
                let mut created_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Namespace => {
                            if namespace__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespace"));
                            }
                            namespace__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Steps => {
                            if steps__.is_some() {
                                return Err(serde::de::Error::duplicate_field("steps"));
                            }
                            steps__ = Some(map_.next_value()?);
                        }
                        GeneratedField::DefaultRetry => {
                            if default_retry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("defaultRetry"));
                            }
                            default_retry__ = map_.next_value()?;
                        }
                        GeneratedField::ContextSchema => {
                            if context_schema__.is_some() {
                                return Err(serde::de::Error::duplicate_field("contextSchema"));
                            }
                            context_schema__ = map_.next_value()?;
                        }
                        GeneratedField::Staleness => {
                            if staleness__.is_some() {
                                return Err(serde::de::Error::duplicate_field("staleness"));
                            }
                            staleness__ = map_.next_value()?;
                        }
                        GeneratedField::ContentHash => {
                            if content_hash__.is_some() {
                                return Err(serde::de::Error::duplicate_field("contentHash"));
                            }
                            content_hash__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Template {
                    namespace: namespace__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    description: description__.unwrap_or_default(),
                    steps: steps__.unwrap_or_default(),
                    default_retry: default_retry__,
                    context_schema: context_schema__,
                    staleness: staleness__,
                    content_hash: content_hash__.unwrap_or_default(),
                    created_at: created_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.Template", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for TemplateViolation {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.field.is_empty() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.TemplateViolation", len)?;
        if !self.field.is_empty() {
            struct_ser.serialize_field("field", &self.field)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for TemplateViolation {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "field",
            "description",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Field,
            Description,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "field" => Ok(GeneratedField::Field),
                            "description" => Ok(GeneratedField::Description),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = TemplateViolation;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.TemplateViolation")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<TemplateViolation, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut field__ = None;
                let mut description__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Field => {
                            if field__.is_some() {
                                return Err(serde::de::Error::duplicate_field("field"));
                            }
                            field__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(TemplateViolation {
                    field: field__.unwrap_or_default(),
                    description: description__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.TemplateViolation", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateInvestigationRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.entry.is_some() {
            len += 1;
        }
        if self.update_mask.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.UpdateInvestigationRequest", len)?;
        if let Some(v) = self.entry.as_ref() {
            struct_ser.serialize_field("entry", v)?;
        }
        if let Some(v) = self.update_mask.as_ref() {
            struct_ser.serialize_field("updateMask", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateInvestigationRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "entry",
            "update_mask",
            "updateMask",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Entry,
            UpdateMask,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "entry" => Ok(GeneratedField::Entry),
                            "updateMask" | "update_mask" => Ok(GeneratedField::UpdateMask),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateInvestigationRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.UpdateInvestigationRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateInvestigationRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut entry__ = None;
                let mut update_mask__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Entry => {
                            if entry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("entry"));
                            }
                            entry__ = map_.next_value()?;
                        }
                        GeneratedField::UpdateMask => {
                            if update_mask__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updateMask"));
                            }
                            update_mask__ = map_.next_value()?;
                        }
                    }
                }
                Ok(UpdateInvestigationRequest {
                    entry: entry__,
                    update_mask: update_mask__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.UpdateInvestigationRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateInvestigationResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.entry.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.UpdateInvestigationResponse", len)?;
        if let Some(v) = self.entry.as_ref() {
            struct_ser.serialize_field("entry", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateInvestigationResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "entry",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Entry,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "entry" => Ok(GeneratedField::Entry),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateInvestigationResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.UpdateInvestigationResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateInvestigationResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut entry__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Entry => {
                            if entry__.is_some() {
                                return Err(serde::de::Error::duplicate_field("entry"));
                            }
                            entry__ = map_.next_value()?;
                        }
                    }
                }
                Ok(UpdateInvestigationResponse {
                    entry: entry__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.UpdateInvestigationResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ValidateTemplateRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.source.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ValidateTemplateRequest", len)?;
        if let Some(v) = self.source.as_ref() {
            match v {
                validate_template_request::Source::Template(v) => {
                    struct_ser.serialize_field("template", v)?;
                }
                validate_template_request::Source::Yaml(v) => {
                    struct_ser.serialize_field("yaml", v)?;
                }
            }
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ValidateTemplateRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "template",
            "yaml",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Template,
            Yaml,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "template" => Ok(GeneratedField::Template),
                            "yaml" => Ok(GeneratedField::Yaml),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ValidateTemplateRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ValidateTemplateRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ValidateTemplateRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut source__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Template => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("template"));
                            }
                            source__ = map_.next_value::<::std::option::Option<_>>()?.map(validate_template_request::Source::Template)
;
                        }
                        GeneratedField::Yaml => {
                            if source__.is_some() {
                                return Err(serde::de::Error::duplicate_field("yaml"));
                            }
                            source__ = map_.next_value::<::std::option::Option<_>>()?.map(validate_template_request::Source::Yaml);
                        }
                    }
                }
                Ok(ValidateTemplateRequest {
                    source: source__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ValidateTemplateRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ValidateTemplateResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.valid {
            len += 1;
        }
        if !self.violations.is_empty() {
            len += 1;
        }
        if self.template.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.ValidateTemplateResponse", len)?;
        if self.valid {
            struct_ser.serialize_field("valid", &self.valid)?;
        }
        if !self.violations.is_empty() {
            struct_ser.serialize_field("violations", &self.violations)?;
        }
        if let Some(v) = self.template.as_ref() {
            struct_ser.serialize_field("template", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ValidateTemplateResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "valid",
            "violations",
            "template",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Valid,
            Violations,
            Template,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "valid" => Ok(GeneratedField::Valid),
                            "violations" => Ok(GeneratedField::Violations),
                            "template" => Ok(GeneratedField::Template),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ValidateTemplateResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.ValidateTemplateResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ValidateTemplateResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut valid__ = None;
                let mut violations__ = None;
                let mut template__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Valid => {
                            if valid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("valid"));
                            }
                            valid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Violations => {
                            if violations__.is_some() {
                                return Err(serde::de::Error::duplicate_field("violations"));
                            }
                            violations__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Template => {
                            if template__.is_some() {
                                return Err(serde::de::Error::duplicate_field("template"));
                            }
                            template__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ValidateTemplateResponse {
                    valid: valid__.unwrap_or_default(),
                    violations: violations__.unwrap_or_default(),
                    template: template__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.ValidateTemplateResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WatchClaimsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.WatchClaimsRequest", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WatchClaimsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WatchClaimsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.WatchClaimsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WatchClaimsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(WatchClaimsRequest {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.WatchClaimsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WatchClaimsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.lease.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.WatchClaimsResponse", len)?;
        if let Some(v) = self.lease.as_ref() {
            struct_ser.serialize_field("lease", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WatchClaimsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "lease",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Lease,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "lease" => Ok(GeneratedField::Lease),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WatchClaimsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.WatchClaimsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WatchClaimsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut lease__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Lease => {
                            if lease__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lease"));
                            }
                            lease__ = map_.next_value()?;
                        }
                    }
                }
                Ok(WatchClaimsResponse {
                    lease: lease__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.WatchClaimsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WhoAmIRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("tasker.v1.WhoAmIRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WhoAmIRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WhoAmIRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.WhoAmIRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WhoAmIRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(WhoAmIRequest {
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.WhoAmIRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WhoAmIResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.subject.is_empty() {
            len += 1;
        }
        if self.kind != 0 {
            len += 1;
        }
        if !self.permissions.is_empty() {
            len += 1;
        }
        if !self.namespaces.is_empty() {
            len += 1;
        }
        if self.expires_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.WhoAmIResponse", len)?;
        if !self.subject.is_empty() {
            struct_ser.serialize_field("subject", &self.subject)?;
        }
        if self.kind != 0 {
            let v = CredentialKind::try_from(self.kind)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.kind)))?;
            struct_ser.serialize_field("kind", &v)?;
        }
        if !self.permissions.is_empty() {
            struct_ser.serialize_field("permissions", &self.permissions)?;
        }
        if !self.namespaces.is_empty() {
            struct_ser.serialize_field("namespaces", &self.namespaces)?;
        }
        if let Some(v) = self.expires_at.as_ref() {
            struct_ser.serialize_field("expiresAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WhoAmIResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "subject",
            "kind",
            "permissions",
            "namespaces",
            "expires_at",
            "expiresAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Subject,
            Kind,
            Permissions,
            Namespaces,
            ExpiresAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "subject" => Ok(GeneratedField::Subject),
                            "kind" => Ok(GeneratedField::Kind),
                            "permissions" => Ok(GeneratedField::Permissions),
                            "namespaces" => Ok(GeneratedField::Namespaces),
                            "expiresAt" | "expires_at" => Ok(GeneratedField::ExpiresAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WhoAmIResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.WhoAmIResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WhoAmIResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut subject__ = None;
                let mut kind__ = None;
                let mut permissions__ = None;
                let mut namespaces__ = None;
                let mut expires_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Subject => {
                            if subject__.is_some() {
                                return Err(serde::de::Error::duplicate_field("subject"));
                            }
                            subject__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Kind => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("kind"));
                            }
                            kind__ = Some(map_.next_value::<CredentialKind>()? as i32);
                        }
                        GeneratedField::Permissions => {
                            if permissions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("permissions"));
                            }
                            permissions__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespaces => {
                            if namespaces__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespaces"));
                            }
                            namespaces__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ExpiresAt => {
                            if expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresAt"));
                            }
                            expires_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(WhoAmIResponse {
                    subject: subject__.unwrap_or_default(),
                    kind: kind__.unwrap_or_default(),
                    permissions: permissions__.unwrap_or_default(),
                    namespaces: namespaces__.unwrap_or_default(),
                    expires_at: expires_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.WhoAmIResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Worker {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.worker_uuid.is_empty() {
            len += 1;
        }
        if !self.name.is_empty() {
            len += 1;
        }
        if !self.namespaces.is_empty() {
            len += 1;
        }
        if !self.handlers.is_empty() {
            len += 1;
        }
        if self.max_concurrency != 0 {
            len += 1;
        }
        if !self.version.is_empty() {
            len += 1;
        }
        if self.registered_at.is_some() {
            len += 1;
        }
        if self.last_seen_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("tasker.v1.Worker", len)?;
        if !self.worker_uuid.is_empty() {
            struct_ser.serialize_field("workerUuid", &self.worker_uuid)?;
        }
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if !self.namespaces.is_empty() {
            struct_ser.serialize_field("namespaces", &self.namespaces)?;
        }
        if !self.handlers.is_empty() {
            struct_ser.serialize_field("handlers", &self.handlers)?;
        }
        if self.max_concurrency != 0 {
            struct_ser.serialize_field("maxConcurrency", &self.max_concurrency)?;
        }
        if !self.version.is_empty() {
            struct_ser.serialize_field("version", &self.version)?;
        }
        if let Some(v) = self.registered_at.as_ref() {
            struct_ser.serialize_field("registeredAt", v)?;
        }
        if let Some(v) = self.last_seen_at.as_ref() {
            struct_ser.serialize_field("lastSeenAt", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Worker {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "worker_uuid",
            "workerUuid",
            "name",
            "namespaces",
            "handlers",
            "max_concurrency",
            "maxConcurrency",
            "version",
            "registered_at",
            "registeredAt",
            "last_seen_at",
            "lastSeenAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            WorkerUuid,
            Name,
            Namespaces,
            Handlers,
            MaxConcurrency,
            Version,
            RegisteredAt,
            LastSeenAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "workerUuid" | "worker_uuid" => Ok(GeneratedField::WorkerUuid),
                            "name" => Ok(GeneratedField::Name),
                            "namespaces" => Ok(GeneratedField::Namespaces),
                            "handlers" => Ok(GeneratedField::Handlers),
                            "maxConcurrency" | "max_concurrency" => Ok(GeneratedField::MaxConcurrency),
                            "version" => Ok(GeneratedField::Version),
                            "registeredAt" | "registered_at" => Ok(GeneratedField::RegisteredAt),
                            "lastSeenAt" | "last_seen_at" => Ok(GeneratedField::LastSeenAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Worker;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct tasker.v1.Worker")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Worker, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut worker_uuid__ = None;
                let mut name__ = None;
                let mut namespaces__ = None;
                let mut handlers__ = None;
                let mut max_concurrency__ = None;
                let mut version__ = None;
                let mut registered_at__ = None;
                let mut last_seen_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::WorkerUuid => {
                            if worker_uuid__.is_some() {
                                return Err(serde::de::Error::duplicate_field("workerUuid"));
                            }
                            worker_uuid__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Namespaces => {
                            if namespaces__.is_some() {
                                return Err(serde::de::Error::duplicate_field("namespaces"));
                            }
                            namespaces__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Handlers => {
                            if handlers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("handlers"));
                            }
                            handlers__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MaxConcurrency => {
                            if max_concurrency__.is_some() {
                                return Err(serde::de::Error::duplicate_field("maxConcurrency"));
                            }
                            max_concurrency__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Version => {
                            if version__.is_some() {
                                return Err(serde::de::Error::duplicate_field("version"));
                            }
                            version__ = Some(map_.next_value()?);
                        }
                        GeneratedField::RegisteredAt => {
                            if registered_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("registeredAt"));
                            }
                            registered_at__ = map_.next_value()?;
                        }
                        GeneratedField::LastSeenAt => {
                            if last_seen_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lastSeenAt"));
                            }
                            last_seen_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Worker {
                    worker_uuid: worker_uuid__.unwrap_or_default(),
                    name: name__.unwrap_or_default(),
                    namespaces: namespaces__.unwrap_or_default(),
                    handlers: handlers__.unwrap_or_default(),
                    max_concurrency: max_concurrency__.unwrap_or_default(),
                    version: version__.unwrap_or_default(),
                    registered_at: registered_at__,
                    last_seen_at: last_seen_at__,
                })
            }
        }
        deserializer.deserialize_struct("tasker.v1.Worker", FIELDS, GeneratedVisitor)
    }
}
